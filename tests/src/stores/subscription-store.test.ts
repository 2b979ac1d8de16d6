import type { SubscribePort, SubscribeResult, SubscribeSetting } from '@/services/platform'
import { createMemoryStorage } from '@/services/storage'
import { SubscriptionApi } from '@/services/subscription-api'
import { ConsentStore } from '@/stores/consent-store'
import { outcomeOfAnswer, SubscriptionStore } from '@/stores/subscription-store'

import { contentService } from '../../fixtures/content'
import { FakeTransport } from '../support/fake-transport'
import { subscriptionService } from '../support/fake-functions'

const TEMPLATE = 'local-new-issue'

/** A weapp-like port: answers chosen by the test, and what WeChat's settings say. */
class ScriptedPort implements SubscribePort {
  requests: string[][] = []
  answer: SubscribeResult | { errCode: number; errMsg: string } = { [TEMPLATE]: 'accept' }
  fails = false
  standing: SubscribeSetting = null
  settingsOpened = 0

  request(templateIds: string[]): Promise<SubscribeResult> {
    this.requests.push(templateIds)
    return this.fails
      ? Promise.reject(this.answer)
      : Promise.resolve(this.answer as SubscribeResult)
  }
  async setting(): Promise<SubscribeSetting> {
    return this.standing
  }
  async openSettings(): Promise<void> {
    this.settingsOpened++
  }
}

function setup(port: SubscribePort = new ScriptedPort()) {
  const service = subscriptionService(TEMPLATE)
  const transport = new FakeTransport(contentService(), { subscription: service.handler })
  const store = new SubscriptionStore(new SubscriptionApi(transport), port, TEMPLATE)
  return { store, service, transport, port }
}

describe('SubscriptionStore', () => {
  it('asks for consent synchronously inside the tap, then records the grant with the server', async () => {
    const port = new ScriptedPort()
    const { store, service, transport } = setup(port)
    const done = store.subscribe('latest')
    // Nothing awaited yet: WeChat only accepts the request from within the tap handler itself.
    expect(port.requests).toEqual([[TEMPLATE]])
    expect(store.asking).toBe(true)
    await done
    expect(transport.inputsOf('subscription.grant')).toEqual([
      {
        fn: 'subscription',
        action: 'subscription.grant',
        templateId: TEMPLATE,
        result: { [TEMPLATE]: 'accept' },
      },
    ])
    expect(service.state.remaining).toBe(1)
    expect(store.remaining).toBe(1)
    expect(store.asking).toBe(false)
    expect(store.noteFor('latest')).toMatchObject({ outcome: 'accepted', canOpenSettings: false })
    expect(store.noteFor('me')).toBeNull()
  })

  it('adds up grants: each accepted tap is one more issue notified', async () => {
    const { store } = setup()
    await store.subscribe('me')
    await store.subscribe('me')
    await store.subscribe('me')
    expect(store.remaining).toBe(3)
    expect(store.summary).toBe('接下来 3 期发布时会通知你')
    expect(store.note?.text).toContain('3 期')
  })

  it('reuses a request in flight instead of asking twice', async () => {
    const port = new ScriptedPort()
    const { store } = setup(port)
    const a = store.subscribe('x')
    const b = store.subscribe('x')
    expect(a).toBe(b)
    await a
    expect(port.requests).toHaveLength(1)
  })

  it('explains a reject in one line and records no grant', async () => {
    const port = new ScriptedPort()
    port.answer = { [TEMPLATE]: 'reject', errMsg: 'requestSubscribeMessage:ok' }
    const { store, service } = setup(port)
    await store.subscribe('issue:i280')
    expect(service.state.remaining).toBe(0)
    expect(store.remaining).toBe(0)
    expect(store.noteFor('issue:i280')).toMatchObject({
      outcome: 'rejected',
      text: '你选择了暂不提醒，想收到通知时再点一次即可',
      canOpenSettings: false,
    })
  })

  it('tells "always reject" (WeChat answers reject silently) from a plain reject, and offers settings', async () => {
    const port = new ScriptedPort()
    port.answer = { [TEMPLATE]: 'reject', errMsg: 'requestSubscribeMessage:ok' }
    port.standing = 'reject'
    const { store } = setup(port)
    await store.subscribe('article:i280-01')
    expect(store.note).toMatchObject({ outcome: 'blocked', canOpenSettings: true })
    expect(store.note?.text).toBe('你已选择总是拒绝这类提醒，可在设置中重新打开')
    await store.openSettings()
    expect(port.settingsOpened).toBe(1)
    expect(store.note).toBeNull()
  })

  it('explains subscription messages switched off in WeChat settings (errCode 20004)', async () => {
    const port = new ScriptedPort()
    port.fails = true
    port.answer = { errCode: 20004, errMsg: 'requestSubscribeMessage:fail:20004' }
    const { store, transport } = setup(port)
    await store.subscribe('latest')
    expect(store.note).toMatchObject({ outcome: 'switched-off', canOpenSettings: true })
    expect(store.note?.text).toContain('微信设置中已关闭')
    expect(transport.countOf('subscription.grant')).toBe(0)
  })

  it('says when consent was given but the grant could not be recorded', async () => {
    const { store, transport } = setup()
    transport.offline()
    await store.subscribe('latest')
    expect(store.note).toMatchObject({ outcome: 'not-recorded' })
    expect(store.note?.text).toContain('网络不可用')
    expect(store.remaining).toBeNull()
  })

  it('loads the count and stops every pending notification', async () => {
    const { store, service } = setup()
    service.state.remaining = 2
    await store.loadStatus()
    expect(store.remaining).toBe(2)
    await store.cancel('me')
    expect(service.state.remaining).toBe(0)
    expect(store.remaining).toBe(0)
    expect(store.summary).toBe('目前不会收到新一期的通知')
    expect(store.noteFor('me')?.text).toContain('已停止提醒')
  })

  it('maps every answer to an outcome', () => {
    expect(outcomeOfAnswer('accept', null)).toBe('accepted')
    expect(outcomeOfAnswer('reject', null)).toBe('rejected')
    expect(outcomeOfAnswer('ban', null)).toBe('blocked')
    expect(outcomeOfAnswer('filter', null)).toBe('filtered')
    expect(outcomeOfAnswer('reject', 'off')).toBe('switched-off')
    expect(outcomeOfAnswer(undefined, null)).toBe('failed')
  })
})

describe('the h5 consent dialog (ConsentStore)', () => {
  it('shows a dialog and resolves with the same shape as requestSubscribeMessage', async () => {
    const consent = new ConsentStore(createMemoryStorage())
    const { store, service } = setup(consent)
    const done = store.subscribe('latest')
    expect(consent.pending).toEqual({ templateIds: [TEMPLATE] })
    consent.answer('accept')
    expect(consent.pending).toBeNull()
    await done
    expect(service.state.grants).toEqual([
      { [TEMPLATE]: 'accept', errMsg: 'requestSubscribeMessage:ok' },
    ])
    expect(store.remaining).toBe(1)
  })

  it('总是拒绝 answers ban, is remembered (no dialog next time) and undone from settings', async () => {
    const storage = createMemoryStorage()
    const consent = new ConsentStore(storage)
    const { store, service } = setup(consent)
    const first = store.subscribe('me')
    consent.answer('ban')
    await first
    expect(store.note).toMatchObject({ outcome: 'blocked', canOpenSettings: true })
    expect(service.state.grants[0][TEMPLATE]).toBe('ban')

    // A later tap (even after a restart) answers at once, as WeChat does after "always".
    const again = new ConsentStore(storage)
    const later = setup(again)
    await later.store.subscribe('me')
    expect(again.pending).toBeNull()
    expect(later.store.note?.outcome).toBe('blocked')

    await later.store.openSettings()
    const asked = later.store.subscribe('me')
    expect(again.pending).not.toBeNull()
    again.answer('reject')
    await asked
    expect(later.store.note?.outcome).toBe('rejected')
    expect(new ConsentStore(storage).always.size).toBe(0)
  })
})
