import { withClass } from '../../scripts/weapp-runtime/mini-program'
import type { SubscribeAnswer } from '../../scripts/weapp-runtime/wx'
import { expectHealthy, harnessOfFile } from './support'

const harness = harnessOfFile()

/** What the local cloud holds for a reader: reminders still to send. */
async function remaining(openid: string): Promise<number> {
  const res = await harness.cloud.functions.subscription(
    { action: 'subscription.status' },
    { openid, now: () => new Date() },
  )
  if (!res.ok) throw new Error(res.error.message)
  return (res.data as { remaining: number }).remaining
}

describe('the weapp build, run: 订阅更新提醒', () => {
  const cases: [SubscribeAnswer, number][] = [
    ['accept', 1],
    ['reject', 0],
    ['ban', 0],
  ]
  for (const [answer, kept] of cases)
    it(`the tap asks WeChat; answered “${answer}”, the cloud keeps ${kept} and 我的 shows it`, async () => {
      const openid = `weapp-reader-${answer}`
      const mp = await harness.launch({ openid, subscribe: answer })
      await mp.tap(withClass('issue-cover__remind'))
      // One system dialog, for the new-issue template, straight from the tap.
      expect(mp.wx.callsOf('requestSubscribeMessage')).toEqual([
        expect.objectContaining({ tmplIds: [harness.templateId] }),
      ])
      const grants = mp.wx
        .callsOf('cloud.callFunction')
        .filter((c) => (c.data as { action?: string }).action === 'subscription.grant')
      expect(grants).toEqual([
        expect.objectContaining({
          name: 'subscription',
          data: {
            action: 'subscription.grant',
            templateId: harness.templateId,
            result: expect.objectContaining({ [harness.templateId]: answer }),
          },
        }),
      ])
      await expect(remaining(openid)).resolves.toBe(kept)
      if (kept) expect(mp.text()).toContain(`接下来 ${kept} 期发布时会通知你`)

      await mp.tapTab('我的')
      const me = mp.text()
      expect(me).toContain('新一期提醒')
      if (kept) expect(me).toContain(`${kept} 期`)
      else expect(me).not.toMatch(/\d+ 期发布时会通知你/)
      expectHealthy(mp)
    })
})
