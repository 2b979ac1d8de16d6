// `@tarojs/taro` for jsdom: the H5 implementation with its named API exports merged onto the default,
// plus the page hooks (which the framework runtime adds in a real app) from taro-page-hooks.
import * as h5 from '@tarojs/taro-h5'

import { pageHooks } from './taro-page-hooks'

const mod = h5 as unknown as Record<string, unknown> & { default?: Record<string, unknown> }
const Taro: Record<string, unknown> = Object.assign({}, mod.default ?? {}, mod)
delete Taro.default
Object.assign(Taro, pageHooks)

module.exports = Object.assign(Taro, { default: Taro, __esModule: true })
