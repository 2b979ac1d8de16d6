import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface ActionButtonProps {
  label: string
  onTap: () => void
  kind?: 'primary' | 'secondary' | 'danger'
  /** Shown and not tappable while an action runs. */
  busy?: boolean
  busyLabel?: string
  disabled?: boolean
  block?: boolean
}

/** A labelled button at least 44 px high: the editor pages' actions. */
export function ActionButton(props: ActionButtonProps) {
  const { label, onTap, kind = 'secondary', busy, busyLabel, disabled, block } = props
  const off = busy || disabled
  return (
    <View
      className={`action-button action-button--${kind}${block ? ' action-button--block' : ''}${off ? ' action-button--off' : ''}`}
      hoverClass={off ? 'none' : 'action-button--pressed'}
      {...a11y('button')}
      aria-disabled={off ? 'true' : undefined}
      onClick={off ? undefined : onTap}
    >
      <Text>{busy ? (busyLabel ?? `${label}…`) : label}</Text>
    </View>
  )
}
