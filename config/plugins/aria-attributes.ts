import { createRequire } from 'node:module'
import path from 'node:path'

import type { IPluginContext } from '@tarojs/service'

import { WEAPP_ARIA as ARIA } from '../../src/services/weapp-aria-attributes'

/**
 * Lets `ariaRole` / `ariaLabel` on View and Text reach the weapp's WXML: Taro's templates pass only
 * the attributes their component list names, and these are not named. The weapp template reads
 * the list shared by @tarojs/shared's template module, so adding them there before the build
 * writes base.wxml puts them in it; the app adds the same to the runtime's list
 * (src/services/weapp-aria.ts). h5 renders the props as ARIA on the element itself.
 */
export default (ctx: IPluginContext) => {
  ctx.onBuildStart(() => {
    if (process.env.TARO_ENV !== 'weapp') return
    const fromWeapp = createRequire(
      require.resolve('@tarojs/plugin-platform-weapp', { paths: [ctx.paths.appPath] }),
    )
    const shared = fromWeapp(path.join('@tarojs/shared/dist/template')) as {
      internalComponents: Record<string, Record<string, string>>
    }
    Object.assign(shared.internalComponents.View, ARIA)
    Object.assign(shared.internalComponents.Text, ARIA)
  })
}
