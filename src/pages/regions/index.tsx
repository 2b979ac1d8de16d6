import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { OfflineNotice } from '@/components/offline-notice'
import { RegionRow } from '@/components/region-row'
import { ListSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useShowAgain } from '@/hooks/use-show-again'
import { open, regionPath } from '@/services/routes'
import { useStores } from '@/stores/context'
import { errorText, formatDate } from '@/utils/format'

/** Tab 地区: every region with its article count across all issues. */
function RegionsPage() {
  const { regions } = useStores()
  const pageClass = usePageTheme(true)

  useEffect(() => {
    void regions.loadRegions()
  }, [regions])
  // Back on the tab: counts are fetched again (an issue may have been published or withdrawn).
  useShowAgain(() => void regions.loadRegions(true))
  usePullDownRefresh(() => {
    void regions.loadRegions(true).finally(() => Taro.stopPullDownRefresh())
  })

  const state = regions.regionsState
  return (
    <View className={pageClass}>
      {state.offline ? (
        <OfflineNotice what="已缓存的地区" onRetry={() => void regions.loadRegions(true)} />
      ) : null}
      <View className="section-title">按地区浏览</View>
      {state.status === 'loading' || state.status === 'idle' ? <ListSkeleton rows={5} /> : null}
      {state.status === 'error' ? (
        <StateView
          kind="error"
          title="地区加载失败"
          message={errorText(state.error)}
          actionText="重试"
          onAction={() => void regions.loadRegions(true)}
        />
      ) : null}
      {state.status === 'ready' && regions.regions.length === 0 ? (
        <StateView kind="empty" title="还没有文章" />
      ) : null}
      {regions.regions.length > 0 ? (
        <View className="card">
          {regions.regions.map((r) => (
            <RegionRow
              key={r.region}
              region={r.region}
              articleCount={r.articleCount}
              latest={`最近：${formatDate(r.latestDate)}`}
              onOpen={(name) => open(regionPath(name))}
            />
          ))}
        </View>
      ) : null}
    </View>
  )
}

export default observer(RegionsPage)
