import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface StateViewProps {
  kind: 'empty' | 'error'
  title: string
  message?: string
  /** Label of the action button (e.g. 重试); no button without it. */
  actionText?: string
  onAction?: () => void
}

/** The empty or failed state of a screen, with an optional action such as retry. */
export function StateView({ kind, title, message, actionText, onAction }: StateViewProps) {
  return (
    <View className={`state-view state-view--${kind}`}>
      {kind === 'error' ? (
        <View className="state-view__mark">
          <Text>!</Text>
        </View>
      ) : null}
      <Text className="state-view__title">{title}</Text>
      {message ? <Text className="state-view__message">{message}</Text> : null}
      {actionText && onAction ? (
        <View
          className="state-view__action"
          hoverClass="state-view__action--pressed"
          {...a11y('button')}
          onClick={onAction}
        >
          <Text>{actionText}</Text>
        </View>
      ) : null}
    </View>
  )
}
