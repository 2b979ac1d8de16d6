/**
 * `npm start`: builds the h5 app when it is missing or older than its sources, opens the local
 * store in `${DATA_DIR:-.data}` (demo issues on first start), and serves the reader and its API on
 * `http://127.0.0.1:${PORT:-10086}/`.
 */
import { mkdirSync } from 'fs'
import path from 'path'
import { announceServer, newOperatorOpenid } from '../server/operator-file'
import { adminOpenidsFromEnv, createLocalCloud } from '../server/local-cloud'
import { loadDemoIssuesIfEmpty } from '../server/demo'
import { createLocalServer } from '../server/http/server'
import { lockStore } from '../server/store/store-lock'
import { ensureH5Build } from './start/ensure-build'

const ROOT = path.resolve(__dirname, '..')

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 10086)
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT ${process.env.PORT} is not a port number`)
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  mkdirSync(dataDir, { recursive: true })

  const unlock = lockStore(dataDir)
  process.on('exit', unlock)
  const staticRoot = await ensureH5Build(ROOT)
  const operatorOpenid = newOperatorOpenid()
  const cloud = createLocalCloud(dataDir, [...adminOpenidsFromEnv(process.env), operatorOpenid])
  const loaded = await loadDemoIssuesIfEmpty(cloud.db, new Date())
  if (loaded) console.log(`loaded ${loaded} demo issues into ${dataDir}`)

  const server = createLocalServer({
    cloud,
    staticRoot,
    rateLimitPerMinute: Number(process.env.RATE_LIMIT_PER_MINUTE ?? 1200),
  })
  server.listen(port, '127.0.0.1', () => {
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
    console.log(`双周决策观察 reader ready: http://127.0.0.1:${actualPort}/`)
  })
  server.on('error', (e) => {
    console.error(
      `error: cannot listen on 127.0.0.1:${port}: ${(e as NodeJS.ErrnoException).code ?? e.message}`,
    )
    process.exit(1)
  })
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
