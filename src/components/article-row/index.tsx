import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import { HighlightedText } from '../highlighted-text'
import { RegionChip } from '../region-chip'
import './index.scss'

export interface ArticleRowProps {
  id: string
  title: string
  region: string
  /** One muted line, e.g. `2024 年第 6 期 · 上海证券报`. */
  meta: string
  /** A couple of lines of text under the title (excerpt or search snippet). */
  excerpt?: string
  titleHits?: [number, number][]
  excerptHits?: [number, number][]
  /** Leave the chip out where the list is already one region's. */
  showRegion?: boolean
  /** No longer published: listed as 已下线 and not openable. */
  withdrawn?: boolean
  onOpen: (id: string) => void
}

/** An article in a list (region, search results, favourites, history). */
export function ArticleRow(props: ArticleRowProps) {
  const {
    id,
    title,
    region,
    meta,
    excerpt,
    titleHits = [],
    excerptHits = [],
    showRegion = true,
    withdrawn = false,
    onOpen,
  } = props
  if (withdrawn)
    return (
      <View className="article-row article-row--withdrawn">
        <Text className="article-row__title">{title}</Text>
        <View className="article-row__meta">
          <Text className="article-row__badge">已下线</Text>
          <Text className="article-row__meta-text article-row__meta-text--after-chip">{meta}</Text>
        </View>
      </View>
    )
  return (
    <View
      className="article-row"
      hoverClass="pressed"
      {...a11y('link', title)}
      onClick={() => onOpen(id)}
    >
      <HighlightedText className="article-row__title" text={title} ranges={titleHits} />
      {excerpt ? (
        <HighlightedText className="article-row__excerpt" text={excerpt} ranges={excerptHits} />
      ) : null}
      <View className="article-row__meta">
        {showRegion ? <RegionChip region={region} /> : null}
        <Text
          className={`article-row__meta-text${showRegion ? ' article-row__meta-text--after-chip' : ''}`}
        >
          {meta}
        </Text>
      </View>
    </View>
  )
}
