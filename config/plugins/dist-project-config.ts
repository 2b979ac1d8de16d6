import fs from 'node:fs'
import path from 'node:path'

import type { IPluginContext } from '@tarojs/service'

/**
 * Makes the project.config.json that Taro copies into dist/weapp importable on its own.
 * Taro already rewrites miniprogramRoot to './', but keeps cloudfunctionRoot, which would point
 * inside dist/weapp; cloud functions are deployed from the repository-root project instead.
 */
export default (ctx: IPluginContext) => {
  ctx.onBuildFinish(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const file = path.join(ctx.paths.outputPath, 'project.config.json')
    if (!fs.existsSync(file)) return
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>
    if (!('cloudfunctionRoot' in config)) return
    delete config.cloudfunctionRoot
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`)
  })
}
