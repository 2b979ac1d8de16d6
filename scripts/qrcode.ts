/**
 * `npm run qrcode -- --issue 280 --out FILE.png` (or `--article i280-03`): the QR code that opens an
 * issue or article, made by the `qrcode` function on the local cloud (`DATA_DIR`), written to FILE.
 */
import { copyFileSync } from 'fs'
import path from 'path'
import type { QrcodeResult } from '@core/api/qrcode'
import { callAsOperator } from '../server/local-call'
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
  if (!out)
    throw new Error(
      '--out FILE.png is required (usage: qrcode --issue N | --article ID --out FILE.png)',
    )
  if (issue !== undefined) {
    if (!/^\d{1,6}$/.test(issue)) throw new Error(`--issue takes a 总期数 like 280, not ${issue}`)
    return { event: { action: 'qrcode.issue', id: `i${issue}` }, out }
  }
  if (article !== undefined) return { event: { action: 'qrcode.article', id: article }, out }
  throw new Error('name --issue N or --article ID')
}

async function main(): Promise<void> {
  const { event, out } = parseArgs(process.argv.slice(2))
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(ROOT, '.data'))
  const result = await callAsOperator<QrcodeResult>(dataDir, 'qrcode', event)
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
