/** `npm run bench`: every benchmark of the project, with the machine it ran on. */
import { spawnSync } from 'child_process'
import path from 'path'
import { benchContent } from './content'
import { benchH5Paint } from './h5-paint'
import { benchHttp } from './http'
import { machineLine } from './machine'
import { benchNotify } from './notify'
import { benchParse } from './parse'
import { benchWeappPages } from './weapp-pages'
import { benchSearchQuality } from './search'
import { benchWeappSize } from './weapp-size'

/** The notification runs and their rate targets (% of the cap over the whole run). */
const NOTIFY_CONFIGURATIONS = [
  { subscribers: 100000, rate: 500, target: 95 },
  // A 20-second run, where the kills weigh more.
  { subscribers: 20000, rate: 1000, target: 85 },
]

async function main(): Promise<void> {
  console.log(machineLine())
  benchParse()
  await benchSearchQuality()
  await benchContent()
  await benchHttp()
  benchWeappSize()
  await benchWeappPages()
  await benchH5Paint()
  // In a process of its own: its peak memory is the local host's reading a hostile file, not
  // what the benchmarks before it left in this process.
  ownProcess('integrity.ts')
  for (const { subscribers, rate, target } of NOTIFY_CONFIGURATIONS) {
    console.log(
      `notify: ${subscribers.toLocaleString('en')} subscribers, cap ${rate}/s, 3 kills${subscribers > 50000 ? ' (a few minutes)' : ''}…`,
    )
    const n = await benchNotify(subscribers, rate, 3)
    console.log(`notify: ${JSON.stringify(n)}`)
    const pct = (v: number) => `${((v / n.rateCap) * 100).toFixed(1)}%`
    console.log(
      `notify: duplicates ${n.duplicates} (target 0), lost ${n.lost} (target 0), unknown − no answer ${n.unknown - n.noAnswerInjected} (target ≤ ${n.unknownBound} = ${n.kills} kills × ${n.inFlightLimit} in flight), send rate ${n.ratePerSecond}/s = ${pct(n.ratePerSecond)} of the cap (target ≥ ${target}%), steady ${n.steadyRatePerSecond}/s = ${pct(n.steadyRatePerSecond)} (target ≥ 97%), per kill ${n.killCostSeconds} s (max ${n.killCostMaxSeconds} s; target ≤ 0.5 s), freeze ${n.freezeSeconds} s`,
    )
  }
}

/** Runs one benchmark file in a fresh process, its output here; throws when it fails. */
function ownProcess(file: string): void {
  const root = path.resolve(__dirname, '../..')
  const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), [path.join(__dirname, file)], {
    cwd: root,
    stdio: 'inherit',
  })
  if (r.status !== 0) throw new Error(`${file} failed (exit ${r.status})`)
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
