/**
 * Search benchmarks: quality over the judged query set (MRR, nDCG@5, queries right) and cost on
 * the 300-issue corpus (in-process p95 of ordinary queries and of a term in most articles, beside
 * the naive full scan: the same matching and ranking over every visible article, no index).
 */
import autocannon from 'autocannon'
import { CLIENT_HEADER } from '../../core/api/response'
import { spawn } from 'child_process'
import { performance } from 'perf_hooks'
import type { ContentResults } from '../../core/api/content'
import { parseQuery, normalize } from '../../core/search'
import type { ParsedIssue } from '../../core/types'
import { contentFunction } from '../../cloudfunctions/lib/content/handlers'
import { ContentRepository } from '../../cloudfunctions/lib/content/repository'
import { rankCandidates } from '../../cloudfunctions/lib/content/search'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { LOCAL_INDEXES } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { pick, seededRandom } from '../corpus/prng'
import { median, ms, percentile } from './machine'
import { JUDGED, judgedIssues, ndcgAt5, reciprocalRank } from './search-judged'

/** What the local server asks of an API call (a JSON body and the client header). */
const API_HEADERS = { 'content-type': 'application/json', [CLIENT_HEADER]: 'bench' }

const ctx = { openid: null, now: () => new Date() }

async function search(db: EmbeddedDatabase, q: string, limit = 10) {
  const r = await contentFunction({ action: 'search', q, limit }, ctx, { db })
  if (!r.ok) throw new Error(`search ${q}: ${r.error.message}`)
  return r.data as ContentResults['search']
}

/** MRR and nDCG@5 over the judged set; a query is right when its first and top five are. */
export async function benchSearchQuality(): Promise<Record<string, number>> {
  const db = new EmbeddedDatabase(null, LOCAL_INDEXES)
  for (const parsed of judgedIssues()) await publishIssue(db, parsed, new Date())
  let rr = 0
  let ndcg = 0
  const wrong: string[] = []
  for (const j of JUDGED) {
    const ids = (await search(db, j.q, 5)).items.map((h) => h.id)
    rr += reciprocalRank(j, ids)
    ndcg += ndcgAt5(j, ids)
    if (reciprocalRank(j, ids) < 1 || !j.top5.every((id) => ids.includes(id))) wrong.push(j.q)
  }
  await db.close()
  const figures = {
    queries: JUDGED.length,
    right: JUDGED.length - wrong.length,
    mrr: rr / JUDGED.length,
    ndcg5: ndcg / JUDGED.length,
  }
  console.log(
    `search: judged set of ${figures.queries} queries: ${figures.right} right, MRR ${figures.mrr.toFixed(3)} (target ≥ 0.95: ${figures.mrr >= 0.95 ? 'met' : 'MISSED'}), nDCG@5 ${figures.ndcg5.toFixed(3)}${wrong.length ? `; wrong: ${wrong.join(' / ')}` : ''}`,
  )
  return figures
}

/** The same search without the index: every visible article is a candidate. */
async function naiveSearch(db: EmbeddedDatabase, q: string): Promise<number> {
  const repo = new ContentRepository(db)
  const { terms } = parseQuery(q)
  const revs = await repo.liveRevs()
  return rankCandidates(await repo.searchCandidates(revs, [], undefined), terms).length
}

async function p95Of(run: () => Promise<unknown>, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < runs + 5; i++) {
    const t = performance.now()
    await run()
    if (i >= 5) times.push(performance.now() - t)
  }
  return times
}

/** The word of `candidates` held by the most articles, with its share. */
function commonestWord(corpus: ParsedIssue[], candidates: string[]): [string, number] {
  const texts = corpus.flatMap((p) =>
    p.articles.map((a) => normalize([a.title, ...a.blocks.map((b) => b.text)].join('\n'))),
  )
  const shares = candidates.map((w): [string, number] => [
    w,
    texts.filter((t) => t.includes(w)).length / texts.length,
  ])
  return shares.sort((a, b) => b[1] - a[1])[0]
}

/** In-process search latency on the benchmark corpus, beside the naive full scan. */
export async function benchSearchLatency(
  db: EmbeddedDatabase,
  corpus: ParsedIssue[],
): Promise<Record<string, number>> {
  const random = seededRandom(11)
  const titles = corpus.flatMap((p) => p.articles.map((a) => a.title))
  // Ordinary queries: a word of a title, or two words of one.
  const ordinary = () => {
    const t = pick(random, titles)
    return random() < 0.5 ? t.slice(2, 6) : `${t.slice(0, 2)} ${t.slice(-4)}`
  }
  const [common, share] = commonestWord(corpus, ['发展', '企业', '推动', '建设', '服务'])
  const figures: Record<string, number> = {}
  const line = async (name: string, target: number, q: () => string) => {
    const fast = await p95Of(() => search(db, q()), 200)
    const naive = await p95Of(() => naiveSearch(db, q()), 30)
    figures[name] = percentile(fast, 95)
    figures[`${name}Naive`] = percentile(naive, 95)
    console.log(
      `content: ${name.padEnd(18)} p95 ${ms(figures[name])} median ${ms(median(fast))} (target ≤ ${target} ms: ${figures[name] <= target ? 'met' : 'MISSED'}); naive full scan p95 ${ms(figures[`${name}Naive`])} = ${(figures[`${name}Naive`] / figures[name]).toFixed(1)}×`,
    )
  }
  await line('search', 30, ordinary)
  console.log(`content: “${common}” is in ${(share * 100).toFixed(0)}% of the articles`)
  await line('search common', 50, () => common)
  return figures
}

/** `issues.get` latencies (ms) measured by a separate process for `seconds`, one call every 50 ms. */
function issueGetsFrom(url: string, issueIds: string[], seconds: number): Promise<number[]> {
  const script = `
    const [url, ids, seconds, headers] = JSON.parse(process.argv[1])
    const out = []
    const until = Date.now() + seconds * 1000
    ;(async () => {
      await new Promise((r) => setTimeout(r, 500))
      for (let i = 0; Date.now() < until; i++) {
        const t = performance.now()
        const res = await fetch(url + '/api/content', {
          method: 'POST',
          headers,
          body: JSON.stringify({ action: 'issues.get', id: ids[i % ids.length] }),
        })
        await res.text()
        if (res.status !== 200) throw new Error('issues.get answered ' + res.status)
        out.push(performance.now() - t)
        await new Promise((r) => setTimeout(r, 50))
      }
      process.stdout.write(JSON.stringify(out))
    })().catch((e) => { console.error(e.message); process.exit(1) })`
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', script, JSON.stringify([url, issueIds.slice(0, 50), seconds, API_HEADERS])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`exit ${code}`)),
    )
  })
}

/**
 * `issues.get` latency over HTTP while 40 connections search without pause for `seconds`: a
 * search must not hold the server for the readers who are not searching. The searches are of the
 * commonest word (the costliest) and of title words.
 */
export async function benchSearchHttp(
  url: string,
  corpus: ParsedIssue[],
  seconds = 8,
): Promise<Record<string, number>> {
  const random = seededRandom(5)
  const titles = corpus.flatMap((p) => p.articles.map((a) => a.title))
  const [common] = commonestWord(corpus, ['发展', '企业', '推动', '建设', '服务'])
  const issueIds = corpus.map((p) => p.issue.id)
  const idle = await issueGetsFrom(url, issueIds, 2)

  const load = autocannon({
    url: `${url}/api/content`,
    connections: 40,
    duration: seconds,
    method: 'POST',
    headers: API_HEADERS,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({
            action: 'search',
            q: random() < 0.5 ? common : pick(random, titles).slice(2, 6),
          }),
        }),
      },
    ],
  })
  // The reader opening issues runs in its own process, so that the load generator's event loop
  // does not delay its answers.
  const busy = await issueGetsFrom(url, issueIds, seconds - 1)
  const result = await load
  const figures = {
    issuesGetIdleP95: percentile(idle, 95),
    issuesGetBusyP95: percentile(busy, 95),
    issuesGetBusyMax: Math.max(...busy),
    searchesPerSecond: result.requests.average,
    searchP99: result.latency.p99,
    searchErrors: result.non2xx + result.errors,
  }
  console.log(
    `http: issues.get during 40 concurrent searches: p95 ${ms(figures.issuesGetBusyP95)}, max ${ms(figures.issuesGetBusyMax)} over ${busy.length} calls (target ≤ 500 ms: ${figures.issuesGetBusyMax <= 500 ? 'met' : 'MISSED'}); idle p95 ${ms(figures.issuesGetIdleP95)}; searches ${figures.searchesPerSecond.toFixed(0)}/s, p99 ${figures.searchP99} ms, ${figures.searchErrors} errors`,
  )
  return figures
}
