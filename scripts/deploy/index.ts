/** The `npm run deploy` command line: see deploy.ts. Exits 2 with one line when it cannot go on. */
import { ManifestError } from './manifest'
import { DeployError } from './errors'
import { defaultDeps, parseArgs, runDeploy } from './deploy'

async function main(): Promise<void> {
  try {
    const opts = parseArgs(process.argv.slice(2))
    process.exitCode = await runDeploy(
      opts,
      defaultDeps(process.env, (line) => console.log(line)),
    )
  } catch (e) {
    if (e instanceof DeployError || e instanceof ManifestError) console.error(`错误：${e.message}`)
    else console.error(`错误：部署中断：${(e as Error).message?.split('\n')[0] ?? String(e)}`)
    process.exitCode = 2
  }
}

void main()
