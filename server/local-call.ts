import { mkdirSync } from 'fs'
import { CLIENT_HEADER, type ApiResponse } from '../core/api/response'
import { createLocalCloud } from './local-cloud'
import { newOperatorOpenid, runningServer } from './operator-file'
import { delayWrites } from './store/slow-writes'
import { lockStore } from './store/store-lock'

/**
 * Calls a function of the local cloud as the local operator (an editor), for the CLI tools:
 * through the running server when one owns the store (one writer per store), else directly on the
 * store under its lock. Without a server, publishing does not start the notification worker: the
 * server's timer picks the job up when it next runs.
 */
export async function callAsOperator<T>(
  dataDir: string,
  fn: string,
  event: object,
): Promise<ApiResponse<T>> {
  const server = runningServer(dataDir)
  if (server) {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [CLIENT_HEADER]: 'cli',
        'x-wx-openid': server.operatorOpenid,
      },
      body: JSON.stringify(event),
    })
    return (await res.json()) as ApiResponse<T>
  }
  mkdirSync(dataDir, { recursive: true })
  const unlock = lockStore(dataDir)
  try {
    const operator = newOperatorOpenid()
    const cloud = createLocalCloud(dataDir, [operator], { kickOnPublish: false })
    // A damaged store stops the tool with the store's own message (file, lines, count), as the
    // server's start does, rather than as a failed call.
    await cloud.db.openAll()
    const delay = Number(process.env.LOCAL_STORE_WRITE_DELAY_MS ?? 0)
    if (delay > 0) delayWrites(cloud.db, delay)
    return (await cloud.functions[fn](event, {
      openid: operator,
      now: () => new Date(),
    })) as ApiResponse<T>
  } finally {
    unlock()
  }
}
