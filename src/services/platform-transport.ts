import Taro from '@tarojs/taro'

import { withEarlyArticle } from './early-article'
import {
  createCloudTransport,
  createHttpTransport,
  type CloudLike,
  type Transport,
} from './transport'

/**
 * The transport for the platform this bundle was built for (TARO_ENV is inlined at build time);
 * on h5 every call carries the device's local identity, and an article index.html fetched early
 * is taken over.
 */
export function createPlatformTransport(openid: () => string | null = () => null): Transport {
  if (process.env.TARO_ENV === 'weapp')
    return createCloudTransport(Taro.cloud as unknown as CloudLike)
  return withEarlyArticle(createHttpTransport(undefined, '', openid))
}
