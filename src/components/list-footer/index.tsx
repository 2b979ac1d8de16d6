import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface ListFooterProps {
  loading: boolean
  failed: boolean
  hasMore: boolean
  onMore: () => void
  /** Shown once everything is listed. */
  endText?: string
}

/** The end of a paged list: loading, a retry after a failed page, a load-more tap, or the end. */
export function ListFooter({
  loading,
  failed,
  hasMore,
  onMore,
  endText = '没有更多了',
}: ListFooterProps) {
  if (loading)
    return (
      <View className="list-footer">
        <Text>正在加载…</Text>
      </View>
    )
  if (failed)
    return (
      <View className="list-footer list-footer--action" {...a11y('button')} onClick={onMore}>
        <Text>加载失败，点此重试</Text>
      </View>
    )
  if (hasMore)
    return (
      <View className="list-footer list-footer--action" {...a11y('button')} onClick={onMore}>
        <Text>加载更多</Text>
      </View>
    )
  return (
    <View className="list-footer">
      <Text>{endText}</Text>
    </View>
  )
}
