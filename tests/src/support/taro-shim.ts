// `@tarojs/taro` for jsdom: the H5 implementation with its named API exports merged onto the default.
import * as h5 from '@tarojs/taro-h5'

const mod = h5 as unknown as Record<string, unknown> & { default?: Record<string, unknown> }
const Taro: Record<string, unknown> = Object.assign({}, mod.default ?? {}, mod)
delete Taro.default

module.exports = Object.assign(Taro, { default: Taro, __esModule: true })
