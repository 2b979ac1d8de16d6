import { Text, View } from '@tarojs/components'

import type { IssueDetail } from '@core/api/content'
import { formatDate, issueLabel, totalLabel } from '@/utils/format'

import './index.scss'

export interface IssueMastheadProps {
  issue: Pick<
    IssueDetail,
    'title' | 'subtitle' | 'year' | 'number' | 'totalNumber' | 'publishedOn' | 'publishers'
  >
}

/** The issue's masthead as printed: title, number, date and publishers. */
export function IssueMasthead({ issue }: IssueMastheadProps) {
  return (
    <View className="issue-masthead">
      <Text className="issue-masthead__title">{issue.title}</Text>
      <Text className="issue-masthead__subtitle">{issue.subtitle}</Text>
      <Text className="issue-masthead__number">
        {issueLabel(issue)}（{totalLabel(issue)}）
      </Text>
      <Text className="issue-masthead__date">{formatDate(issue.publishedOn)}印发</Text>
      {issue.publishers.length ? (
        <Text className="issue-masthead__publishers">{issue.publishers.join(' · ')}</Text>
      ) : null}
    </View>
  )
}

export interface IssueColophonProps {
  issue: Pick<IssueDetail, 'publishers' | 'editors' | 'coordinators' | 'phone' | 'fax'>
}

/** The masthead's credits and contacts (主办, 编辑, 统筹, 电话, 传真), rows without values left out. */
export function IssueColophon({ issue }: IssueColophonProps) {
  const rows: [string, string][] = (
    [
      ['主办', issue.publishers.join('  ')],
      ['编辑', issue.editors.join('  ')],
      ['统筹', issue.coordinators.join('  ')],
      ['电话', issue.phone ?? ''],
      ['传真', issue.fax ?? ''],
    ] as [string, string][]
  ).filter(([, v]) => v !== '')
  return (
    <View className="issue-colophon">
      {rows.map(([k, v]) => (
        <View key={k} className="issue-colophon__row">
          <Text className="issue-colophon__key">{k}</Text>
          <Text className="issue-colophon__value" userSelect>
            {v}
          </Text>
        </View>
      ))}
    </View>
  )
}
