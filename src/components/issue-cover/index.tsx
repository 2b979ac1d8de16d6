import { Text, View } from '@tarojs/components'

import type { IssueSummary } from '@core/api/content'
import { formatMonthDay, issueLabel, totalLabel } from '@/utils/format'
import { a11y } from '@/utils/a11y'

import { RegionChip } from '../region-chip'
import './index.scss'

export interface IssueCoverProps {
  issue: IssueSummary
  onOpen: (id: string) => void
  /** "订阅更新提醒" under the contents (its own tap, not the card's). */
  onRemind?: () => void
  /** e.g. `接下来 2 期发布时会通知你`. */
  remindHint?: string
  /** e.g. `本期已读 3/10`. */
  readLine?: string
}

/** The latest issue as a printed cover: masthead, number and date, then the first contents lines. */
export function IssueCover({ issue, onOpen, onRemind, remindHint, readLine }: IssueCoverProps) {
  return (
    <View
      className="issue-cover"
      hoverClass="pressed"
      {...a11y(
        'link',
        `阅读${issueLabel(issue)}，共 ${issue.articleCount} 篇${readLine ? `，${readLine}` : ''}`,
      )}
      onClick={() => onOpen(issue.id)}
    >
      <View className="issue-cover__brand">
        <Text className="issue-cover__title">{issue.title}</Text>
        <Text className="issue-cover__subtitle">{issue.subtitle}</Text>
        <View className="issue-cover__rule" />
        <Text className="issue-cover__number">
          {issueLabel(issue)} · {totalLabel(issue)}
        </Text>
        <Text className="issue-cover__date">{formatMonthDay(issue.publishedOn)}印发</Text>
      </View>
      <View className="issue-cover__contents">
        <Text className="issue-cover__label">本期要目</Text>
        {issue.firstTitles.map((title, i) => (
          <View key={i} className="issue-cover__line">
            <Text className="issue-cover__dot">·</Text>
            <Text className="issue-cover__line-text">{title}</Text>
          </View>
        ))}
        <View className="issue-cover__regions">
          {issue.regions.map((r) => (
            <RegionChip key={r} region={r} />
          ))}
        </View>
        <View className="issue-cover__open">
          <Text>
            共 {issue.articleCount} 篇{readLine ? ` · ${readLine}` : ''} · 阅读本期
          </Text>
          <Text className="issue-cover__arrow">›</Text>
        </View>
      </View>
      {onRemind ? (
        <View
          className="issue-cover__remind"
          hoverClass="pressed"
          {...a11y('button', `订阅更新提醒：${remindHint || '新一期发布时通知我'}`)}
          onClick={(e) => {
            e.stopPropagation()
            onRemind()
          }}
        >
          <Text className="issue-cover__bell">◎</Text>
          <View className="issue-cover__remind-main">
            <Text className="issue-cover__remind-label">订阅更新提醒</Text>
            <Text className="issue-cover__remind-hint">{remindHint || '新一期发布时通知我'}</Text>
          </View>
          <Text className="issue-cover__arrow">›</Text>
        </View>
      ) : null}
    </View>
  )
}
