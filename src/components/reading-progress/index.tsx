import { View } from '@tarojs/components'

import './index.scss'

export interface ReadingProgressProps {
  /** How far down the article the reader is, 0 to 1. */
  value: number
}

/** A thin bar across the top of the screen that fills as the reader goes down the article. */
export function ReadingProgress({ value }: ReadingProgressProps) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100)
  return (
    <View className="reading-progress" aria-hidden="true">
      <View className="reading-progress__bar" style={{ width: `${percent}%` }} />
    </View>
  )
}
