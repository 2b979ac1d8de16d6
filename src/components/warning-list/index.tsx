import { Text, View } from '@tarojs/components'

import './index.scss'

export interface WarningListProps {
  warnings: { code: string; message: string }[]
}

/** Every warning of a parse, one per line; a calm line when there are none. */
export function WarningList({ warnings }: WarningListProps) {
  if (warnings.length === 0)
    return (
      <View className="warning-list warning-list--none">
        <Text>没有需要注意的地方</Text>
      </View>
    )
  return (
    <View className="warning-list">
      {warnings.map((w, i) => (
        <View key={i} className="warning-list__item">
          <Text className="warning-list__mark">!</Text>
          <Text className="warning-list__text">{w.message}</Text>
        </View>
      ))}
    </View>
  )
}
