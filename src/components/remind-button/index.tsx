import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

/** The line under a remind tap after the reader answered. */
export interface RemindNote {
  text: string
  tone: 'ok' | 'info'
  /** Offer to undo a standing "no" in settings. */
  canOpenSettings?: boolean
}

export interface RemindButtonProps {
  onTap: () => void
  /** `接下来 2 期发布时会通知你`; the default hint otherwise. */
  summary?: string
  busy?: boolean
  note?: RemindNote | null
  onOpenSettings?: () => void
}

/**
 * "下期提醒" at the end of an issue or article: one tap asks WeChat for one notification of the
 * next issue (grants add up), then says in one line how it went.
 */
export function RemindButton({ onTap, summary, busy, note, onOpenSettings }: RemindButtonProps) {
  return (
    <View className="remind">
      <View
        className={`remind-button${busy ? ' remind-button--busy' : ''}`}
        hoverClass="remind-button--pressed"
        {...a11y('button')}
        onClick={busy ? undefined : onTap}
      >
        <Text className="remind-button__label">下期提醒</Text>
        <Text className="remind-button__hint">{summary || '新一期发布时通知我'}</Text>
      </View>
      {note ? <RemindNoteLine note={note} onOpenSettings={onOpenSettings} /> : null}
    </View>
  )
}

/** One friendly line about the last answer, with 去设置 when a standing "no" blocks notices. */
export function RemindNoteLine({
  note,
  onOpenSettings,
}: {
  note: RemindNote
  onOpenSettings?: () => void
}) {
  return (
    <View className={`remind-note remind-note--${note.tone}`} role="status">
      <Text className="remind-note__text">{note.text}</Text>
      {note.canOpenSettings && onOpenSettings ? (
        <View
          className="remind-note__action"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={onOpenSettings}
        >
          <Text>去设置</Text>
        </View>
      ) : null}
    </View>
  )
}
