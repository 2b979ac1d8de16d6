import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureWeappBuilt, WEAPP_DIR } from '../check-weapp'
import { loadDemoIssues } from '../../server/demo'
import { createLocalCloud, LOCAL_TEMPLATE_ID, type LocalCloud } from '../../server/local-cloud'
import { MiniProgram, type MiniProgramOptions } from './mini-program'
import { BuildView } from './view'

export { MiniProgram } from './mini-program'
export type { SetDataRecord } from './mini-program'

/** The OPENID of the editor on the harness's local cloud (in its admin list). */
export const EDITOR_OPENID = 'weapp-editor'

/** A weapp build, the local cloud with the demo issues, and runs of the mini-program on both. */
export interface Harness {
  dir: string
  build: BuildView
  /** The new-issue template the build asks for, which the local cloud also sends with. */
  templateId: string
  cloud: LocalCloud
  /** Launches the mini-program (defaults: reader `weapp-reader`, 最新 from the chat list). */
  launch(options?: Partial<MiniProgramOptions>): Promise<MiniProgram>
  close(): Promise<void>
}

/**
 * Starts a harness on `dir` (dist/weapp, built first when stale): WeChat's `wcc` compiles its
 * WXML once, and a local cloud (the deployable functions' handlers on an embedded store in a temp
 * folder) gets the demo issues.
 */
export async function startHarness(dir?: string): Promise<Harness> {
  if (!dir) ensureWeappBuilt()
  const root = dir ?? WEAPP_DIR
  const build = new BuildView(root)
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'weapp-cloud-'))
  const templateId = buildTemplateId()
  const cloud = createLocalCloud(dataDir, [EDITOR_OPENID], { kickOnPublish: false, templateId })
  await loadDemoIssues(cloud.db, new Date())
  const runs: MiniProgram[] = []
  return {
    dir: root,
    build,
    templateId,
    cloud,
    async launch(options = {}) {
      const mp = new MiniProgram(root, build, cloud, {
        openid: 'weapp-reader',
        ...options,
        launch: options.launch ?? { path: 'pages/latest/index' },
      })
      runs.push(mp)
      await mp.launch()
      return mp
    },
    async close() {
      for (const mp of runs) mp.close()
      await cloud.db.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * The template id the build was made with: src/config.ts reads the same variable with the same
 * default, and a production build for upload sets it (`npm run upload:weapp` runs these screens
 * over that build).
 */
const buildTemplateId = (): string => process.env.TARO_APP_NOTIFY_TEMPLATE_ID || LOCAL_TEMPLATE_ID

/** A copy of the weapp build in a temp folder, to break on purpose; removed by the returned call. */
export function copyOfBuild(): { dir: string; remove: () => void } {
  ensureWeappBuilt()
  const dir = mkdtempSync(path.join(os.tmpdir(), 'weapp-copy-'))
  cpSync(WEAPP_DIR, dir, { recursive: true })
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}
