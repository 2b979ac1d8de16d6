import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { IssueCover } from '@/components/issue-cover'
import { IssueRow } from '@/components/issue-row'
import { ListFooter } from '@/components/list-footer'
import { OfflineNotice } from '@/components/offline-notice'
import { CoverSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { issuePath, open } from '@/services/routes'
import { useStores } from '@/stores/context'
import { errorText } from '@/utils/format'

/** Tab 最新: the newest issue as a cover card, then the archive (pull to refresh, paged on scroll). */
function LatestPage() {
  const { issues } = useStores()
  const pageClass = usePageTheme(true)

  useEffect(() => {
    void issues.loadLatest()
  }, [issues])
  usePullDownRefresh(() => {
    void issues.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void issues.loadMore())

  const { archive, latest, earlier } = issues
  const openIssue = (id: string) => open(issuePath(id))

  return (
    <View className={pageClass}>
      {archive.offline ? (
        <OfflineNotice what="已缓存的期刊" onRetry={() => void issues.refresh()} />
      ) : null}
      {archive.status === 'loading' || archive.status === 'idle' ? <CoverSkeleton /> : null}
      {archive.status === 'error' ? (
        <StateView
          kind="error"
          title="期刊加载失败"
          message={errorText(archive.error)}
          actionText="重试"
          onAction={() => void issues.refresh()}
        />
      ) : null}
      {archive.status === 'ready' && !latest ? (
        <StateView kind="empty" title="还没有发布的期刊" message="新一期发布后会出现在这里" />
      ) : null}
      {latest ? <IssueCover issue={latest} onOpen={openIssue} /> : null}
      {earlier.length > 0 ? (
        <>
          <View className="section-title">往期</View>
          <View className="card">
            {earlier.map((issue) => (
              <IssueRow key={issue.id} issue={issue} onOpen={openIssue} />
            ))}
          </View>
        </>
      ) : null}
      {latest ? (
        <ListFooter
          loading={archive.loadingMore}
          failed={archive.moreError !== null}
          hasMore={issues.hasMore}
          onMore={() => void issues.loadMore()}
          endText={earlier.length ? '没有更早的期刊了' : '更早的期刊将陆续上线'}
        />
      ) : null}
    </View>
  )
}

export default observer(LatestPage)
