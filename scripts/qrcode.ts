/**
 * `npm run qrcode -- --issue 280 --out FILE.png` (or `--article i280-03`): the QR code that opens an
 * issue or article, made by the `qrcode` function on the local cloud (`DATA_DIR`), written to FILE.
 */
import { copyFileSync } from 'fs'
import path from 'path'
import type { QrcodeResult } from '@core/api/qrcode'
import type { ApiResponse } from '@core/api/response'
import { createLocalCloud } from '../server/local-cloud'
import { newOperatorOpenid, runningServer } from '../server/operator-file'
import { lockStore } from '../server/store/store-lock'
import { LocalFileStorage } from '../server/stand-ins/wxacode-api'

const ROOT = path.resolve(__dirname, '..')

function parseArgs(argv: string[]): { event: object; out: string } {
  const value = (flag: string): string | undefined => {
    const at = argv.indexOf(flag)
    return at >= 0 ? argv[at + 1] : undefined
  }
  const out = value('--out')
  const issue = value('--issue')
  const article = value('--article')
  if (!out) throw new Error('--out FILE.png is required (usage: qrcode --issue N | --article ID --out FILE.png)')
  if (issue !== undefined) {
    if (!/^\d{1,6}$/.test(issue)) throw new Error(`--issue takes a 总期数 like 280, not ${issue}`)
    return { event: { action: 'qrcode.issue', id: `i${issue}` }, out }
  }
  if (article !== undefined) return { event: { action: 'qrcode.article', id: article }, out }
  throw new Error('name --issue N or --article ID')
}

async function makeCode(dataDir: string, event: object): Promise<ApiResponse<QrcodeResult>> {
  const server = runningServer(dataDir)
  if (server) {
    const res = await fetch(`http://127.0.0.1:${server.port}/api/qrcode`, {
      method: 'POST',
      headers: { 'x-wx-openid': server.operatorOpenid },
      body: JSON.stringify(event),
    })
    return (await res.json()) as ApiResponse<QrcodeResult>
  }
  const unlock = lockStore(dataDir)
  try {
    const operator = newOperatorOpenid()
    const cloud = createLocalCloud(dataDir, [operator], { kickOnPublish: false })
    return (await cloud.functions.qrcode(event, { openid: operator, now: () => new Date() })) as ApiResponse<QrcodeResult>
  } finally {
    unlock()
  }
}

async function main(): Promise<void> {
  const { event, out } = parseArgs(process.argv.slice(2))
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  const result = await makeCode(dataDir, event)
  if (!result.ok) throw new Error(result.error.message)
  const file = new LocalFileStorage(dataDir).pathOf(result.data.fileID)
  if (!file) throw new Error(`unexpected file id ${result.data.fileID}`)
  copyFileSync(file, out)
  console.log(`${out}: opens ${result.data.page} (scene ${result.data.scene})`)
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(2)
})
