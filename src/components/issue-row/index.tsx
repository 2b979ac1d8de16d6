import { Text, View } from '@tarojs/components'

import type { IssueSummary } from '@core/api/content'
import { formatDate, issueLabel, totalLabel } from '@/utils/format'
import { a11y } from '@/utils/a11y'

import './index.scss'

export interface IssueRowProps {
  issue: IssueSummary
  onOpen: (id: string) => void
}

/** An earlier issue in the archive: number, date and its first title. */
export function IssueRow({ issue, onOpen }: IssueRowProps) {
  return (
    <View
      className="issue-row"
      hoverClass="pressed"
      {...a11y('link')}
      onClick={() => onOpen(issue.id)}
    >
      <View className="issue-row__main">
        <View className="issue-row__head">
          <Text className="issue-row__label">{issueLabel(issue)}</Text>
          <Text className="issue-row__meta">
            {totalLabel(issue)} · {formatDate(issue.publishedOn)}
          </Text>
        </View>
        {issue.firstTitles[0] ? (
          <Text className="issue-row__title">{issue.firstTitles[0]}</Text>
        ) : null}
        <Text className="issue-row__count">共 {issue.articleCount} 篇</Text>
      </View>
      <Text className="issue-row__arrow">›</Text>
    </View>
  )
}
