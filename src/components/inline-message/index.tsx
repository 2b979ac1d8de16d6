import { Text, View } from '@tarojs/components'

import './index.scss'

export interface InlineMessageProps {
  text: string
  tone?: 'error' | 'ok' | 'info'
}

/** One clear line: an action's error or outcome. */
export function InlineMessage({ text, tone = 'info' }: InlineMessageProps) {
  return (
    <View
      className={`inline-message inline-message--${tone}`}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      <Text>{text}</Text>
    </View>
  )
}
