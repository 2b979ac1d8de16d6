import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import { RegionChip } from '../region-chip'
import './index.scss'

export interface ArticleHeaderProps {
  region: string
  title: string
  /** e.g. `2024 年第 6 期`; tapping it opens the issue (not in single-page mode). */
  issueLabel: string
  /** e.g. `约 4 分钟 · 1576 字`. */
  readingLine?: string
  onOpenIssue?: () => void
}

/** Region tag, title and the issue the article belongs to. */
export function ArticleHeader(props: ArticleHeaderProps) {
  const { region, title, issueLabel, readingLine, onOpenIssue } = props
  return (
    <View className="article-header">
      <View className="article-header__meta">
        <RegionChip region={region} />
        <View
          className="article-header__issue"
          {...(onOpenIssue ? a11y('link') : {})}
          onClick={onOpenIssue}
        >
          <Text>《双周决策观察》{issueLabel}</Text>
        </View>
      </View>
      <Text className="article-header__title" userSelect>
        {title}
      </Text>
      {readingLine ? <Text className="article-header__reading">{readingLine}</Text> : null}
    </View>
  )
}
