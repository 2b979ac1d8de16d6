import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface LandingNoticeProps {
  text: string
  onClose: () => void
}

/** The one line shown on 最新 when a link or QR code could not be followed. */
export function LandingNotice({ text, onClose }: LandingNoticeProps) {
  return (
    <View className="landing-notice" role="status">
      <Text className="landing-notice__text">{text}</Text>
      <View
        className="landing-notice__close"
        hoverClass="pressed"
        {...a11y('button')}
        onClick={onClose}
      >
        <Text>知道了</Text>
      </View>
    </View>
  )
}
