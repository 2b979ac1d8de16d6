/** `npm run bench`: every benchmark of the project, with the machine it ran on. */
import { benchContent } from './content'
import { benchHttp } from './http'
import { machineLine } from './machine'
import { benchParse } from './parse'

async function main(): Promise<void> {
  console.log(machineLine())
  benchParse()
  await benchContent()
  await benchHttp()
}

main().catch((e) => {
  console.error(`error: ${(e as Error).message}`)
  process.exit(1)
})
