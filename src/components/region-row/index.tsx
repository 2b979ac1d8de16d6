import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import { RegionChip } from '../region-chip'
import './index.scss'

export interface RegionRowProps {
  region: string
  articleCount: number
  /** e.g. `最近：2024 年 3 月 27 日`. */
  latest: string
  onOpen: (region: string) => void
}

/** A region with its article count across all issues. */
export function RegionRow({ region, articleCount, latest, onOpen }: RegionRowProps) {
  return (
    <View
      className="region-row"
      hoverClass="pressed"
      {...a11y('link')}
      onClick={() => onOpen(region)}
    >
      <RegionChip region={region} size="large" />
      <View className="region-row__main">
        <Text className="region-row__count">{articleCount} 篇文章</Text>
        <Text className="region-row__latest">{latest}</Text>
      </View>
      <Text className="region-row__arrow">›</Text>
    </View>
  )
}
