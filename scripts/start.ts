/**
 * `npm start`: builds the h5 app when it is missing or older than its sources, opens the local
 * store in `${DATA_DIR:-.data}` (demo issues on first start), and serves the reader and its API on
 * `http://127.0.0.1:${PORT:-10086}/`.
 */
import { chmodSync, mkdirSync } from 'fs'
import path from 'path'
import { announceServer, newOperatorOpenid } from '../server/operator-file'
import { adminOpenidsFromEnv } from '../server/local-cloud'
import { openLocalStore, repairRequested } from '../server/open-store'
import { createLocalServer, DEFAULT_HOST } from '../server/http/server'
import { rateLimitFromEnv } from '../server/http/rate-limiter'
import { indexForSearch } from '../cloudfunctions/lib/publishing/search-index'
import { lockStore } from '../server/store/store-lock'
import { ensureH5Build } from './start/ensure-build'

const ROOT = path.resolve(__dirname, '..')

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 10086)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT ${process.env.PORT} is not a port number`)
  const rateLimitPerMinute = rateLimitFromEnv(process.env.RATE_LIMIT_PER_MINUTE)
  const host = process.env.HOST?.trim() || DEFAULT_HOST
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  // The data folder holds drafts and the operator's id: this user's alone (0700, files 0600).
  process.umask(0o077)
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  chmodSync(dataDir, 0o700)

  const unlock = lockStore(dataDir)
  process.on('exit', unlock)
  const staticRoot = await ensureH5Build(ROOT)
  const operatorOpenid = newOperatorOpenid()
  const { cloud, demoIssues, swept } = await openLocalStore(
    dataDir,
    [...adminOpenidsFromEnv(process.env), operatorOpenid],
    { repair: repairRequested(process.argv.slice(2), process.env) },
  )
  if (swept) console.log(`removed ${swept} article records left by an interrupted publish`)
  if (demoIssues) console.log(`loaded ${demoIssues} demo issues into ${dataDir}`)
  const indexed = await indexForSearch(cloud.db)
  if (indexed) console.log(`indexed ${indexed} articles for search`)

  const server = createLocalServer({
    cloud,
    staticRoot,
    rateLimitPerMinute,
  })
  server.listen(port, host, () => {
    const address = server.address()
    const actualPort = typeof address === 'object' && address ? address.port : port
    const forget = announceServer(dataDir, { pid: process.pid, port: actualPort, operatorOpenid })
    const stop = (): void => {
      forget()
      server.close()
      process.exit(0)
    }
    // The timer trigger of the deployed notify function: every minute.
    setInterval(() => void cloud.kickNotify(), 60000).unref()
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
    console.log(`双周决策观察 reader ready: http://${host}:${actualPort}/`)
  })
  server.on('error', (e) => {
    console.error(
      `error: cannot listen on ${host}:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
    )
    process.exit(1)
  })
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
