/** The `npm run deploy` command line: see deploy.ts. Exits 2 with one line when it cannot go on. */
import { ManifestError } from './manifest'
import { stopLine } from './errors'
import { defaultDeps, parseArgs, runDeploy } from './deploy'

async function main(): Promise<void> {
  try {
    const opts = parseArgs(process.argv.slice(2))
    process.exitCode = await runDeploy(
      opts,
      defaultDeps(process.env, (line) => console.log(line)),
    )
  } catch (e) {
    console.error(stopLine(e, '部署', (x) => x instanceof ManifestError))
    process.exitCode = 2
  }
}

void main()
