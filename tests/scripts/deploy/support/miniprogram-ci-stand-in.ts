/**
 * A stand-in for miniprogram-ci's cloud calls (the FunctionsPort and WeappUploadPort), with their
 * semantics as documented (https://developers.weixin.qq.com/miniprogram/dev/devtools/ci.html):
 * - `ci.cloud.uploadFunction({ env, name, path, remoteNpmInstall })` uploads the folder, which must
 *   hold the entry and package.json; its config.json (permissions, triggers, timeout…) goes with it.
 *   Uploading again replaces the code.
 * - `ci.cloud.createTimeTrigger({ envId, functionName, triggersConfig })` sets a function's timer
 *   triggers; the function must exist. Setting the same triggers again is harmless.
 * - `ci.upload({ project, version, desc })` uploads a version of the mini-program in `projectPath`
 *   (it must hold app.json).
 * Only the environment it was made for exists. `failOn(n)` makes the n-th next call throw, as a
 * refused or dropped call would.
 */
import { existsSync, readFileSync } from 'fs'
import path from 'path'
import type {
  FunctionsPort,
  TimerTrigger,
  WeappUploadPort,
} from '../../../../scripts/deploy/miniprogram-ci'

export class MiniprogramCiStandIn implements FunctionsPort, WeappUploadPort {
  readonly functions = new Map<string, { config: Record<string, unknown>; code: string }>()
  readonly triggers = new Map<string, TimerTrigger[]>()
  readonly uploads: { projectPath: string; version: string; desc: string }[] = []
  readonly calls: string[] = []
  private failAt = 0

  constructor(private readonly env: string) {}

  /** The `n`-th call from now (1 = the next) throws. */
  failOn(n: number): void {
    this.failAt = n
  }

  private step(what: string): void {
    this.calls.push(what)
    if (this.failAt > 0 && --this.failAt === 0) throw new Error(`${what}: socket hang up`)
  }

  async uploadFunction({
    env,
    name,
    dir,
  }: {
    env: string
    name: string
    dir: string
  }): Promise<void> {
    this.step(`uploadFunction ${name}`)
    if (env !== this.env) throw new Error(`env ${env} not found (-501000)`)
    for (const file of ['index.js', 'package.json'])
      if (!existsSync(path.join(dir, file))) throw new Error(`${file} missing in ${dir}`)
    const configFile = path.join(dir, 'config.json')
    this.functions.set(name, {
      config: existsSync(configFile)
        ? (JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>)
        : {},
      code: readFileSync(path.join(dir, 'index.js'), 'utf8'),
    })
  }

  async createTimeTrigger({
    env,
    name,
    triggers,
  }: {
    env: string
    name: string
    triggers: TimerTrigger[]
  }): Promise<void> {
    this.step(`createTimeTrigger ${name}`)
    if (env !== this.env) throw new Error(`env ${env} not found (-501000)`)
    if (!this.functions.has(name)) throw new Error(`function ${name} not found`)
    this.triggers.set(name, triggers)
  }

  async upload(o: { projectPath: string; version: string; desc: string }): Promise<void> {
    this.step(`upload ${o.version}`)
    if (!existsSync(path.join(o.projectPath, 'app.json')))
      throw new Error(`no app.json in ${o.projectPath}`)
    this.uploads.push(o)
  }
}
