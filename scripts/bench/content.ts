import { performance } from 'perf_hooks'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import type { EmbeddedDatabase } from '../../server/store/embedded-database'
import { pick, seededRandom } from '../corpus/prng'
import { corpusStore } from './content-corpus'
import { benchSearchLatency } from './search'
import { median, ms, percentile } from './machine'

const ctx = { openid: null, now: () => new Date() }
const RUNS = 300

async function timeAction(db: EmbeddedDatabase, event: () => object): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < RUNS + 20; i++) {
    const e = event()
    const t = performance.now()
    const r = await contentFunction(e, ctx, { db })
    const elapsed = performance.now() - t
    if (!r.ok) throw new Error(`${JSON.stringify(e)}: ${r.error.message}`)
    if (i >= 20) times.push(elapsed)
  }
  return times
}

/** In-process p95 of every content action on a 300-issue / 3,000-article corpus. */
export async function benchContent(): Promise<Record<string, number>> {
  const t0 = performance.now()
  const { db, corpus } = await corpusStore(null, 300)
  console.log(
    `content: corpus of ${corpus.length} issues / ${corpus.length * 10} articles published in ${ms(performance.now() - t0)}`,
  )
  const random = seededRandom(7)
  const issueIds = corpus.map((p) => p.issue.id)
  const articleIds = corpus.flatMap((p) => p.articles.map((a) => a.id))
  const regions = [...new Set(corpus.flatMap((p) => p.articles.map((a) => a.region)))]

  const figures: Record<string, number> = {}
  const report = async (name: string, target: number, event: () => object) => {
    const times = await timeAction(db, event)
    const p95 = percentile(times, 95)
    figures[name] = p95
    console.log(
      `content: ${name.padEnd(18)} p95 ${ms(p95)} median ${ms(median(times))} (target ≤ ${target} ms: ${p95 <= target ? 'met' : 'MISSED'})`,
    )
  }
  await report('issues.get', 5, () => ({ action: 'issues.get', id: pick(random, issueIds) }))
  await report('articles.get', 5, () => ({ action: 'articles.get', id: pick(random, articleIds) }))
  await report('issues.list', 10, () => ({ action: 'issues.list', limit: 10 }))
  await report('regions.list', 10, () => ({ action: 'regions.list' }))
  await report('articles.byRegion', 10, () => ({
    action: 'articles.byRegion',
    region: pick(random, regions),
    limit: 10,
  }))
  Object.assign(figures, await benchSearchLatency(db, corpus))
  return figures
}
