import autocannon from 'autocannon'
import { CLIENT_HEADER } from '../../core/api/response'
import { spawn, type ChildProcess } from 'child_process'
import { mkdtempSync, rmSync } from 'fs'
import os from 'os'
import path from 'path'
import { performance } from 'perf_hooks'
import { ensureH5Build } from '../start/ensure-build'
import { pick, seededRandom } from '../corpus/prng'
import { corpusStore } from './content-corpus'
import { ms } from './machine'
import { benchSearchHttp } from './search'

const ROOT = path.resolve(__dirname, '../..')

/** Starts `scripts/start.ts` on the store in `dataDir`; resolves with its URL once it prints it. */
function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: '0', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(chunk.toString())
      if (m) resolve({ child, url: m[1] })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}

async function firstAnswer(url: string, body: object): Promise<void> {
  const res = await fetch(`${url}/api/content`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'bench' },
    body: JSON.stringify(body),
  })
  if (res.status !== 200) throw new Error(`first request answered ${res.status}`)
}

/** Cold start and `articles.get` throughput of the local server over HTTP on the 300-issue corpus. */
export async function benchHttp(): Promise<Record<string, number>> {
  await ensureH5Build(ROOT)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-http-'))
  const { corpus } = await corpusStore(dataDir, 300)
  const articleIds = corpus.flatMap((p) => p.articles.map((a) => a.id))

  const t0 = performance.now()
  const { child, url } = await startServer(dataDir)
  await firstAnswer(url, { action: 'articles.get', id: articleIds[0] })
  const coldStart = performance.now() - t0
  console.log(`http: cold start with 3,000 articles: ${ms(coldStart)} until the first answer`)

  try {
    const random = seededRandom(3)
    const result = await autocannon({
      url: `${url}/api/content`,
      connections: 32,
      duration: 10,
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'bench' },
      requests: [
        {
          setupRequest: (req) => ({
            ...req,
            body: JSON.stringify({ action: 'articles.get', id: pick(random, articleIds) }),
          }),
        },
      ],
    })
    const rps = result.requests.average
    const p99 = result.latency.p99
    const errors = result.non2xx + result.errors
    console.log(
      `http: articles.get, 32 connections, 10 s: ${rps.toFixed(0)} requests/s (target ≥ 1000: ${rps >= 1000 ? 'met' : 'MISSED'}), p99 ${p99} ms (target ≤ 50: ${p99 <= 50 ? 'met' : 'MISSED'}), ${errors} errors`,
    )
    const search = await benchSearchHttp(url, corpus)
    return { coldStartMs: coldStart, requestsPerSecond: rps, p99Ms: p99, errors, ...search }
  } finally {
    child.kill('SIGTERM')
    rmSync(dataDir, { recursive: true, force: true })
  }
}
