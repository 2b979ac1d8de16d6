import type { ContentResults } from '../../core/api/content'
import type { ApiResponse } from '../../core/api/response'
import { type Harness, type MiniProgram, startHarness } from '../../scripts/weapp-runtime'
import { MAX_DEPTH, MAX_NODES, MAX_SET_DATA_BYTES } from '../../scripts/weapp-runtime/mini-program'

/** Calls the `content` function of the harness's local cloud, as a reader, and unwraps it. */
export async function content<A extends keyof ContentResults>(
  harness: Harness,
  input: { action: A } & Record<string, unknown>,
): Promise<ContentResults[A]> {
  const res = (await harness.cloud.functions.content(input, {
    openid: 'weapp-test',
    now: () => new Date(),
  })) as ApiResponse<ContentResults[A]>
  if (!res.ok) throw new Error(`content ${input.action}: ${res.error.message}`)
  return res.data
}

/** Text without white space and the invisible break hints pages may add. */
export const squash = (text: string): string => text.replace(/[\s\u00ad\u200b\u2060]/g, '')

/**
 * What every run must show: no console error or uncaught exception, no `setData` carrying
 * `undefined`, every node on a template, wcc's render equal to the data tree, payloads ≤ 32 KB,
 * pages under 1,000 nodes and 30 levels, and no `wx` API the app looked for and did not find.
 */
export function expectHealthy(mp: MiniProgram): void {
  expect(mp.problems).toEqual([])
  expect(mp.violations).toEqual([])
  expect([...mp.wx.missing]).toEqual([])
  expect(mp.setDataLog.filter((r) => r.undefinedAt.length > 0)).toEqual([])
  expect(mp.setDataLog.length).toBeGreaterThan(0)
  expect(Math.max(...mp.setDataLog.map((r) => r.bytes))).toBeLessThanOrEqual(MAX_SET_DATA_BYTES)
  for (const stats of mp.pageStats.values()) {
    expect(stats.nodes).toBeLessThan(MAX_NODES)
    expect(stats.depth).toBeLessThan(MAX_DEPTH)
  }
}

/**
 * The harness of a test file: started before its tests (building dist/weapp first when it is
 * stale, hence the long timeout) and closed after them.
 */
export function harnessOfFile(): Harness {
  jest.setTimeout(240_000)
  let current: Harness | undefined
  beforeAll(async () => {
    current = await startHarness()
  })
  afterAll(() => current?.close())
  return new Proxy({} as Harness, {
    get(_, key) {
      if (!current) throw new Error('the harness starts in beforeAll')
      return Reflect.get(current, key)
    },
  })
}
