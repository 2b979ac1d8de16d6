import { EDITOR_OPENID, startHarness } from '../weapp-runtime'
import type { MiniProgram } from '../weapp-runtime/mini-program'
import { withClass } from '../weapp-runtime/mini-program'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

/** One row of the per-page table. */
export interface WeappPageFigures {
  route: string
  calls: number
  largest: number
  total: number
  nodes: number
  depth: number
  /** UTF-8 JSON size of what the cloud sent for the page (the data it shows), when one call does. */
  content: number | null
}

/**
 * The real dist/weapp run in the mini-program harness (scripts/weapp-runtime) against the local
 * cloud with the demo issues: every screen a reader and an editor reach, and per page the
 * `setData` calls, the largest and total payload, and the nodes and depth of its tree. The
 * baseline, measured in the same run, is what the cloud answered for the page: a page's payloads
 * against the data they show.
 */
export async function benchWeappPages(): Promise<WeappPageFigures[]> {
  const harness = await startHarness()
  try {
    const runs: MiniProgram[] = []
    const reader = await harness.launch()
    runs.push(reader)
    const [latest] = (
      (await harness.cloud.functions.content(
        { action: 'issues.list', limit: 1 },
        { openid: null, now: () => new Date() },
      )) as { ok: true; data: { items: { firstTitles: string[] }[] } }
    ).data.items
    await reader.tap(latest.firstTitles[0])
    await reader.tap(latest.firstTitles[0])
    await reader.tapTab('地区')
    await reader.tap(withClass('region-row'))
    await reader.tapTab('搜索')
    await reader.type('搜索全部期刊的文章', [...latest.firstTitles[0]].slice(2, 4).join(''))
    await reader.tap(withClass('search-bar__submit'))
    await reader.tapTab('我的')
    const editor = await harness.launch({ openid: EDITOR_OPENID })
    runs.push(editor)
    await editor.tapTab('我的')
    await editor.tap(withClass('me-page__editor'))

    // What the cloud answered, per page that asked (the largest answer of each page's calls).
    const content = new Map<string, number>()
    for (const mp of runs)
      for (const [route, bytes] of mp.answers)
        content.set(route, Math.max(bytes, content.get(route) ?? 0))

    const rows = new Map<string, WeappPageFigures>()
    for (const mp of runs) {
      for (const r of mp.setDataLog) {
        const row = rows.get(r.route) ?? {
          route: r.route,
          calls: 0,
          largest: 0,
          total: 0,
          nodes: 0,
          depth: 0,
          content: content.get(r.route) ?? null,
        }
        row.calls++
        row.largest = Math.max(row.largest, r.bytes)
        row.total += r.bytes
        rows.set(r.route, row)
      }
      for (const [route, s] of mp.pageStats) {
        const row = rows.get(route)
        if (row) {
          row.nodes = Math.max(row.nodes, s.nodes)
          row.depth = Math.max(row.depth, s.depth)
        }
      }
      const bad = [...mp.problems.map((p) => p.message), ...mp.violations]
      if (bad.length) throw new Error(`weapp pages: the run was not healthy: ${bad[0]}`)
    }
    const figures = [...rows.values()]
    for (const f of figures)
      console.log(
        `weapp page ${f.route}: ${f.calls} setData, largest ${kb(f.largest)} (limit 32 KB), total ${kb(f.total)}, ${f.nodes} nodes (< 1,000), depth ${f.depth} (< 30)` +
          (f.content
            ? `; cloud answer ${kb(f.content)}, largest/answer ${(f.largest / f.content).toFixed(2)}×`
            : ''),
      )
    return figures
  } finally {
    await harness.close()
  }
}

if (require.main === module)
  benchWeappPages().catch((e) => {
    console.error(`error: ${(e as Error).message}`)
    process.exit(1)
  })
