import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface JobRowProps {
  /** e.g. `2024 年第 5 期` or the issue id. */
  title: string
  /** 准备名单 / 发送中 / 已暂停 / 已完成. */
  status: string
  paused: boolean
  pauseReason: string | null
  total: number
  counts: { sent: number; failed: number; noGrant: number; unknown: number; retried: number }
  onResume?: () => void
}

/** A notification job: its state and its counts per outcome; a paused job can be resumed. */
export function JobRow(props: JobRowProps) {
  const { title, status, paused, pauseReason, total, counts, onResume } = props
  return (
    <View className="job-row">
      <View className="job-row__head">
        <Text className="job-row__title">{title}</Text>
        <Text className={`job-row__status${paused ? ' job-row__status--paused' : ''}`}>
          {status}
        </Text>
      </View>
      <Text className="job-row__counts">
        共 {total} 人 · 已发送 {counts.sent} · 失败 {counts.failed} · 无授权 {counts.noGrant} ·
        结果未知 {counts.unknown}
      </Text>
      {paused && pauseReason ? (
        <Text className="job-row__reason">暂停原因：{pauseReason}</Text>
      ) : null}
      {paused && onResume ? (
        <View
          className="job-row__resume"
          hoverClass="pressed"
          {...a11y('button')}
          onClick={onResume}
        >
          <Text>恢复发送</Text>
        </View>
      ) : null}
    </View>
  )
}
