/**
 * The cost of integrity: flushing acknowledged store writes to disk (group commit), and what a
 * hostile file does to a running local host (time to its refusal, other requests' latency while it
 * is read, peak memory). Each figure is printed beside its baseline from the same run.
 */
import { mkdtempSync, rmSync } from 'fs'
import { open } from 'fs/promises'
import type { Server } from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import { CLIENT_HEADER } from '../../core/api/response'
import { loadDemoIssues } from '../../server/demo'
import { createLocalServer } from '../../server/http/server'
import { createLocalCloud, type LocalCloud } from '../../server/local-cloud'
import { EmbeddedDatabase } from '../../server/store/embedded-database'
import { docxBomb, docxOf, pdfBomb } from './hostile-files'
import { median, ms, percentile } from './machine'

const WRITES = 2000
const IN_FLIGHT = 50

/** Writes per second: `WRITES` adds one after another, then the same with `IN_FLIGHT` at a time. */
async function writeRates(): Promise<{ sequential: number; concurrent: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-flush-'))
  const db = new EmbeddedDatabase(dir)
  const items = db.collection('items')
  let t0 = performance.now()
  for (let i = 0; i < WRITES; i++)
    await items.add({ data: { _id: `s${i}`, n: i, text: '一'.repeat(200) } })
  const sequential = WRITES / ((performance.now() - t0) / 1000)
  t0 = performance.now()
  for (let i = 0; i < WRITES; i += IN_FLIGHT)
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, (_, k) =>
        items.add({ data: { _id: `c${i + k}`, n: i + k, text: '一'.repeat(200) } }),
      ),
    )
  const concurrent = WRITES / ((performance.now() - t0) / 1000)
  await db.close()
  rmSync(dir, { recursive: true, force: true })
  return { sequential, concurrent }
}

/** Store writes with the flush to disk, against the same writes with the flush made a no-op. */
async function benchFlush(): Promise<Record<string, number>> {
  const flushed = await writeRates()
  // The baseline: the same code with fdatasync skipped (FileHandle's prototype, this process only).
  const probe = await open(path.join(os.tmpdir(), `bench-probe-${process.pid}`), 'w')
  const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> }
  await probe.close()
  rmSync(path.join(os.tmpdir(), `bench-probe-${process.pid}`), { force: true })
  const datasync = proto.datasync
  proto.datasync = async () => undefined
  const unflushed = await writeRates()
  proto.datasync = datasync
  const figures = {
    sequentialFlushed: flushed.sequential,
    sequentialUnflushed: unflushed.sequential,
    concurrentFlushed: flushed.concurrent,
    concurrentUnflushed: unflushed.concurrent,
  }
  console.log(
    `integrity: store writes one at a time: ${flushed.sequential.toFixed(0)}/s flushed vs ${unflushed.sequential.toFixed(0)}/s unflushed (${(unflushed.sequential / flushed.sequential).toFixed(1)}× the cost)`,
  )
  console.log(
    `integrity: store writes ${IN_FLIGHT} in flight (group commit): ${flushed.concurrent.toFixed(0)}/s flushed vs ${unflushed.concurrent.toFixed(0)}/s unflushed (${(unflushed.concurrent / flushed.concurrent).toFixed(1)}× the cost)`,
  )
  return figures
}

/** The local host with the demo issues, for hostile previews. */
async function startHost(): Promise<{
  server: Server
  cloud: LocalCloud
  base: string
  issueId: string
  dir: string
}> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-hostile-'))
  const cloud = createLocalCloud(dir, ['editor'], { kickOnPublish: false })
  await loadDemoIssues(cloud.db, new Date())
  const { data } = await cloud.db.collection<{ _id: string }>('issues').limit(1).get()
  const server = createLocalServer({ cloud, staticRoot: null, rateLimitPerMinute: 0 })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return {
    server,
    cloud,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    issueId: data[0]._id,
    dir,
  }
}

const HEADERS = { [CLIENT_HEADER]: 'bench', 'x-wx-openid': 'editor' }

async function post(
  base: string,
  fn: string,
  body: object,
): Promise<{ ok: boolean; error?: { message: string } }> {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { ...HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await res.json()) as never
}

/** `issues.get` latencies every 100 ms while `during` runs (or `count` of them when it is null). */
async function readLatencies(
  base: string,
  issueId: string,
  during: Promise<unknown> | null,
  count = 20,
) {
  const latencies: number[] = []
  let done = false
  void during?.finally(() => (done = true))
  while (during ? !done : latencies.length < count) {
    const t0 = performance.now()
    await post(base, 'content', { action: 'issues.get', id: issueId })
    latencies.push(performance.now() - t0)
    await new Promise((r) => setTimeout(r, 100))
  }
  return latencies
}

async function benchHostile(): Promise<Record<string, number>> {
  const { server, cloud, base, issueId, dir } = await startHost()
  const figures: Record<string, number> = {}
  try {
    const idle = await readLatencies(base, issueId, null)
    console.log(
      `integrity: issues.get with no preview running: median ${ms(median(idle))}, max ${ms(Math.max(...idle))} (baseline)`,
    )
    figures.idleMaxMs = Math.max(...idle)
    const files: [string, string, Buffer][] = [
      ['docx-bomb', 'bomb.docx', docxBomb(200)],
      [
        'docx-heavy',
        'heavy.docx',
        docxOf('<w:p><w:r><w:t>地方工作亮点追踪，</w:t></w:r></w:p>'.repeat(1000), 600),
      ],
      ['pdf-bomb', 'bomb.pdf', pdfBomb(1024)],
    ]
    for (const [label, name, bytes] of files) {
      const up = await fetch(`${base}/storage/upload`, {
        method: 'POST',
        headers: { ...HEADERS, 'content-type': 'application/octet-stream', 'x-file-name': name },
        body: new Uint8Array(bytes),
      })
      const { data } = (await up.json()) as { data: { fileID: string } }
      let peak = process.memoryUsage.rss()
      const watch = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20)
      const t0 = performance.now()
      const preview = post(base, 'publish', {
        action: 'issues.preview',
        fileID: data.fileID,
        fileName: name,
      })
      const timed = preview.then(() => performance.now() - t0)
      const during = await readLatencies(base, issueId, preview)
      const answer = await preview
      const elapsed = await timed
      clearInterval(watch)
      figures[`${label}AnswerMs`] = elapsed
      figures[`${label}GetMaxMs`] = Math.max(...during)
      figures[`${label}PeakRssMb`] = peak / 2 ** 20
      console.log(
        `integrity: ${label} (${(bytes.length / 1024).toFixed(0)} KB): refused in ${ms(elapsed)} (${answer.ok ? 'ACCEPTED?' : answer.error?.message}); issues.get meanwhile: p95 ${ms(percentile(during, 95))}, max ${ms(Math.max(...during))} over ${during.length}; peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (target < 512)`,
      )
    }
  } finally {
    await new Promise<void>((r) => server.close(() => r()))
    // Its store file stays open otherwise, and the garbage collector would close it (DEP0137).
    await cloud.db.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return figures
}

/** Flush cost, then hostile previews. */
export async function benchIntegrity(): Promise<Record<string, number>> {
  return { ...(await benchFlush()), ...(await benchHostile()) }
}

if (require.main === module)
  benchIntegrity().catch((e) => {
    console.error(`error: ${(e as Error).message}`)
    process.exit(1)
  })
