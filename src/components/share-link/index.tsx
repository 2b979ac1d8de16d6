import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface ShareLinkProps {
  onShare: () => void
  label?: string
}

/** h5's share: copies the page's deep link (the app shows a toast). */
export function ShareLink({ onShare, label = '复制链接' }: ShareLinkProps) {
  return (
    <View className="share-link" hoverClass="pressed" {...a11y('button')} onClick={onShare}>
      <Text className="share-link__icon">↗</Text>
      <Text>{label}</Text>
    </View>
  )
}
