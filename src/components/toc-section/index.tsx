import { Text, View } from '@tarojs/components'

import type { TocArticle } from '@core/api/content'

import { a11y } from '@/utils/a11y'
import { RegionChip } from '../region-chip'
import './index.scss'

export interface TocSectionProps {
  region: string
  articles: TocArticle[]
  onOpen: (id: string) => void
}

/** One region's group in an issue's table of contents. */
export function TocSection({ region, articles, onOpen }: TocSectionProps) {
  return (
    <View className="toc-section">
      <View className="toc-section__head">
        <RegionChip region={region} size="large" />
        <Text className="toc-section__count">{articles.length} 篇</Text>
      </View>
      {articles.map((a) => (
        <View
          key={a.id}
          className="toc-section__item"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={() => onOpen(a.id)}
        >
          <Text className="toc-section__title">{a.title}</Text>
          <Text className="toc-section__arrow">›</Text>
        </View>
      ))}
    </View>
  )
}
