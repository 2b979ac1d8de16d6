/** `npm run bench`: every benchmark of the project, with the machine it ran on. */
import { benchContent } from './content'
import { benchH5Paint } from './h5-paint'
import { benchHttp } from './http'
import { benchIntegrity } from './integrity'
import { machineLine } from './machine'
import { benchNotify } from './notify'
import { benchParse } from './parse'
import { benchWeappPages } from './weapp-pages'
import { benchSearchQuality } from './search'
import { benchWeappSize } from './weapp-size'

async function main(): Promise<void> {
  console.log(machineLine())
  benchParse()
  await benchSearchQuality()
  await benchContent()
  await benchHttp()
  benchWeappSize()
  await benchWeappPages()
  await benchH5Paint()
  await benchIntegrity()
  console.log('notify: 100,000 subscribers, cap 500/s, 3 kills (a few minutes)…')
  const n = await benchNotify(100000, 500, 3)
  console.log(`notify: ${JSON.stringify(n)}`)
  console.log(
    `notify: duplicates ${n.duplicates} (target 0), lost ${n.lost} (target 0), unknown ${((n.unknown / n.subscribers) * 100).toFixed(3)}% (target ≤ 0.1%), send rate ${n.ratePerSecond}/s = ${((n.ratePerSecond / n.rateCap) * 100).toFixed(0)}% of the cap (target ≥ 90%)`,
  )
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
