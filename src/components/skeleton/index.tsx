import { View } from '@tarojs/components'

import './index.scss'

const Line = ({ width, tall }: { width: string; tall?: boolean }) => (
  <View className={`skeleton__line${tall ? ' skeleton__line--tall' : ''}`} style={{ width }} />
)

/** Placeholder of the latest-issue cover card and two archive rows. */
export function CoverSkeleton() {
  return (
    <View className="skeleton" aria-busy="true">
      <View className="skeleton__cover">
        <View className="skeleton__line skeleton__line--on-brand" style={{ width: '60%' }} />
        <View className="skeleton__line skeleton__line--on-brand" style={{ width: '40%' }} />
      </View>
      <View className="skeleton__block">
        <Line width="92%" />
        <Line width="85%" />
        <Line width="70%" />
      </View>
      <ListSkeleton rows={2} />
    </View>
  )
}

/** Placeholder of an article: chip, two-line title, paragraphs. */
export function ArticleSkeleton() {
  return (
    <View className="skeleton skeleton__article" aria-busy="true">
      <View className="skeleton__chip" />
      <Line width="90%" tall />
      <Line width="60%" tall />
      <View className="skeleton__gap" />
      {[96, 100, 92, 98, 60].map((w, i) => (
        <Line key={i} width={`${w}%`} />
      ))}
      <View className="skeleton__gap" />
      {[100, 94, 97, 40].map((w, i) => (
        <Line key={i} width={`${w}%`} />
      ))}
    </View>
  )
}

/** Placeholder of the issue page: masthead, then region groups of titles. */
export function TocSkeleton() {
  return (
    <View className="skeleton" aria-busy="true">
      <View className="skeleton__cover">
        <View className="skeleton__line skeleton__line--on-brand" style={{ width: '50%' }} />
        <View className="skeleton__line skeleton__line--on-brand" style={{ width: '35%' }} />
      </View>
      {[3, 2].map((n, g) => (
        <View key={g} className="skeleton__block">
          <View className="skeleton__chip" />
          {Array.from({ length: n }, (_, i) => (
            <Line key={i} width={`${88 - i * 9}%`} />
          ))}
        </View>
      ))}
    </View>
  )
}

/** Placeholder rows of an article or issue list. */
export function ListSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <View className="skeleton" aria-busy="true">
      {Array.from({ length: rows }, (_, i) => (
        <View key={i} className="skeleton__row">
          <Line width={`${80 - (i % 3) * 10}%`} />
          <Line width="45%" />
        </View>
      ))}
    </View>
  )
}
