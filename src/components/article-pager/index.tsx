import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface PagerLink {
  id: string
  /** Known when the contents are loaded; the label alone otherwise. */
  title?: string
}

export interface ArticlePagerProps {
  prev: PagerLink | null
  next: PagerLink | null
  onOpen: (id: string) => void
}

/** Previous / next article within the same issue. */
export function ArticlePager({ prev, next, onOpen }: ArticlePagerProps) {
  if (!prev && !next) return null
  return (
    <View className="article-pager">
      {prev ? (
        <View
          className="article-pager__link"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={() => onOpen(prev.id)}
        >
          <Text className="article-pager__label">‹ 上一篇</Text>
          {prev.title ? <Text className="article-pager__title">{prev.title}</Text> : null}
        </View>
      ) : (
        <View className="article-pager__spacer" />
      )}
      {next ? (
        <View
          className="article-pager__link article-pager__link--next"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={() => onOpen(next.id)}
        >
          <Text className="article-pager__label">下一篇 ›</Text>
          {next.title ? <Text className="article-pager__title">{next.title}</Text> : null}
        </View>
      ) : (
        <View className="article-pager__spacer" />
      )}
    </View>
  )
}
