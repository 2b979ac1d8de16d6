import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface OfflineNoticeProps {
  /** What is shown, e.g. 已缓存的文章. */
  what?: string
  onRetry?: () => void
}

/** The "离线" band over content served from the device's cache because the network failed. */
export function OfflineNotice({ what = '已缓存的内容', onRetry }: OfflineNoticeProps) {
  return (
    <View className="offline-notice" role="status">
      <Text className="offline-notice__badge">离线</Text>
      <Text className="offline-notice__text">网络不可用，正在显示{what}</Text>
      {onRetry ? (
        <View className="offline-notice__retry" {...a11y('button')} onClick={onRetry}>
          <Text>重试</Text>
        </View>
      ) : null}
    </View>
  )
}
