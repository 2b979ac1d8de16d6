import Taro from '@tarojs/taro'

import articleConfig from '@/packages/reader/article/index.config'
import issueConfig from '@/packages/reader/issue/index.config'
import { createWeappPlatform, SINGLE_PAGE_SCENE } from '@/services/platform/weapp'

/** The WeChat side of sharing, behind the platform port: the calls it makes and the pages' config. */
const taro = Taro as unknown as Record<string, unknown>
const replaced = new Map<string, unknown>()
const stub = (name: string, fn: unknown) => {
  if (!replaced.has(name)) replaced.set(name, taro[name])
  taro[name] = fn
}

afterEach(() => {
  for (const [name, fn] of replaced) taro[name] = fn
  replaced.clear()
})

describe('sharing on weapp', () => {
  it('issue and article pages enable both share handlers in their page config', () => {
    for (const config of [articleConfig, issueConfig])
      expect(config).toMatchObject({ enableShareAppMessage: true, enableShareTimeline: true })
  })

  it("turns on both share menus, chats and Moments, with WeChat's own API", () => {
    // Taro's weapp adapter would rewrite `menus` to undefined: the call must reach `wx` as made.
    const viaTaro: unknown[] = []
    stub('showShareMenu', (options: unknown) => {
      viaTaro.push(options)
      return Promise.resolve({ errMsg: 'showShareMenu:ok' })
    })
    const reached: Record<string, unknown>[] = []
    const g = globalThis as { wx?: unknown }
    g.wx = { showShareMenu: (options: Record<string, unknown>) => reached.push(options) }
    try {
      createWeappPlatform().showShareMenu()
    } finally {
      delete g.wx
    }
    expect(viaTaro).toEqual([])
    expect(reached).toEqual([
      expect.objectContaining({
        menus: ['shareAppMessage', 'shareTimeline'],
        withShareTicket: false,
      }),
    ])
  })

  it('tells single-page mode (opened from Moments) by its launch scene', () => {
    stub('getEnterOptionsSync', () => ({ scene: SINGLE_PAGE_SCENE, query: {} }))
    expect(createWeappPlatform().isSinglePageMode()).toBe(true)
    stub('getEnterOptionsSync', () => ({ scene: 1007, query: {} }))
    expect(createWeappPlatform().isSinglePageMode()).toBe(false)
    stub('getEnterOptionsSync', () => {
      throw new Error('not available')
    })
    expect(createWeappPlatform().isSinglePageMode()).toBe(false)
  })
})
