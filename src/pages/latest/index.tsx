import { View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { IssueCover } from '@/components/issue-cover'
import { IssueRow } from '@/components/issue-row'
import { LandingNotice } from '@/components/landing-notice'
import { ListFooter } from '@/components/list-footer'
import { OfflineNotice } from '@/components/offline-notice'
import { RemindNoteLine } from '@/components/remind-button'
import { CoverSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { useLaunchRouting } from '@/hooks/use-entry'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useShowAgain } from '@/hooks/use-show-again'
import { useConsentDialog, useRemind } from '@/hooks/use-remind'
import { issuePath, open } from '@/services/routes'
import { useStores } from '@/stores/context'
import { errorText, readProgressText } from '@/utils/format'

import './index.scss'

/**
 * Tab 最新: the newest issue as a cover card with "订阅更新提醒", then the archive (pull to refresh,
 * paged on scroll). Links that could not be followed land here with a one-line notice.
 */
function LatestPage() {
  const { issues, launch, subscription, library } = useStores()
  const pageClass = usePageTheme(true)
  const remind = useRemind('latest')
  const consentDialog = useConsentDialog('latest')
  useLaunchRouting()

  useEffect(() => {
    void issues.loadLatest()
    void subscription.loadStatus()
  }, [issues, subscription])
  // Back on the tab: the list is fetched again, so an issue unpublished meanwhile leaves it.
  useShowAgain(() => void issues.refresh())
  usePullDownRefresh(() => {
    void issues.refresh().finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => void issues.loadMore())

  const { archive, latest, earlier } = issues
  const openIssue = (id: string) => open(issuePath(id))

  return (
    <View className={pageClass}>
      {launch.notice ? (
        <LandingNotice text={launch.notice} onClose={() => launch.clearNotice()} />
      ) : null}
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
      {latest ? (
        <IssueCover
          issue={latest}
          onOpen={openIssue}
          onRemind={remind.onTap}
          remindHint={remind.summary}
          readLine={readProgressText(library.readCountOf(latest.id), latest.articleCount)}
        />
      ) : null}
      {latest && remind.note ? (
        <View className="latest-page__note">
          <RemindNoteLine note={remind.note} onOpenSettings={remind.onOpenSettings} />
        </View>
      ) : null}
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
      {consentDialog}
    </View>
  )
}

export default observer(LatestPage)
