import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import { RemindNoteLine, type RemindNote } from '../remind-button'
import './index.scss'

export interface SubscribeCardProps {
  /** Upcoming issues the reader will be notified of; null while unknown. */
  remaining: number | null
  /** Could not be loaded (shown instead of the count). */
  failed?: boolean
  /** Refused for good (总是拒绝) or switched off: nothing will be sent, whatever the count. */
  refused?: boolean
  busy?: boolean
  note?: RemindNote | null
  onSubscribe: () => void
  onCancel: () => void
  onOpenSettings?: () => void
}

/** 我的 → 更新提醒: how many upcoming issues will be notified, one more, or stop. */
export function SubscribeCard(props: SubscribeCardProps) {
  const { remaining, failed, refused, busy, note, onSubscribe, onCancel, onOpenSettings } = props
  const count = refused
    ? '已拒绝'
    : remaining === null
      ? failed
        ? '暂时无法获取'
        : '…'
      : remaining > 0
        ? `${remaining} 期`
        : '未开启'
  return (
    <View className="subscribe-card">
      <View className="subscribe-card__head">
        <View className="subscribe-card__main">
          <Text className="subscribe-card__label">新一期提醒</Text>
          <Text className="subscribe-card__summary">
            {refused
              ? '你已拒绝这类提醒，新一期发布时不会通知你'
              : remaining && remaining > 0
                ? `接下来 ${remaining} 期发布时会通知你`
                : '新一期发布时，微信会通知你'}
          </Text>
        </View>
        <Text className="subscribe-card__count">{count}</Text>
      </View>
      <Text className="subscribe-card__explain">
        微信的提醒是一次性的：每点一次“允许”，可多收到一期的通知。
      </Text>
      <View className="subscribe-card__actions">
        <View
          className={`subscribe-card__primary${busy ? ' subscribe-card__primary--busy' : ''}`}
          hoverClass="subscribe-card__primary--pressed"
          {...a11y('button')}
          onClick={busy ? undefined : onSubscribe}
        >
          <Text>{remaining && remaining > 0 ? '再提醒一期' : '订阅更新提醒'}</Text>
        </View>
        {remaining && remaining > 0 ? (
          <View
            className="subscribe-card__secondary"
            hoverClass="pressed"
            {...a11y('button')}
            onClick={onCancel}
          >
            <Text>停止提醒</Text>
          </View>
        ) : null}
      </View>
      {note ? <RemindNoteLine note={note} onOpenSettings={onOpenSettings} /> : null}
    </View>
  )
}
