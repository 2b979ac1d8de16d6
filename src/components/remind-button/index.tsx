import { Text, View } from '@tarojs/components'

import './index.scss'

export interface RemindButtonProps {
  onTap: () => void
}

/** "下期提醒": the tap that will ask for a one-time notification of the next issue. */
export function RemindButton({ onTap }: RemindButtonProps) {
  return (
    <View className="remind-button" hoverClass="remind-button--pressed" onClick={onTap}>
      <Text className="remind-button__label">下期提醒</Text>
      <Text className="remind-button__hint">新一期发布时通知我</Text>
    </View>
  )
}
