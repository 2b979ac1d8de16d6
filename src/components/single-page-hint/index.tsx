import { Text, View } from '@tarojs/components'

import './index.scss'

export interface SinglePageHintProps {
  /** e.g. `《双周决策观察》2024 年第 6 期 共 10 篇`. */
  issueLine: string
}

/**
 * Shown under an article opened from Moments (single-page mode, where the page cannot navigate):
 * where the rest of the issue is.
 */
export function SinglePageHint({ issueLine }: SinglePageHintProps) {
  return (
    <View className="single-page-hint">
      <Text className="single-page-hint__title">{issueLine}</Text>
      <Text className="single-page-hint__text">
        点击屏幕下方“前往小程序”，阅读本期全部文章、订阅新一期提醒
      </Text>
    </View>
  )
}
