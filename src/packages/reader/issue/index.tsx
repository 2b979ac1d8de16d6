import { Text, View } from '@tarojs/components'
import { useRouter, useShareAppMessage, useShareTimeline } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { IssueColophon, IssueMasthead } from '@/components/issue-masthead'
import { OfflineNotice } from '@/components/offline-notice'
import { RemindButton } from '@/components/remind-button'
import { TocSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { TocSection } from '@/components/toc-section'
import { usePageTheme } from '@/hooks/use-page-theme'
import { articlePath, issuePath, open, readParam, showComingSoon } from '@/services/routes'
import { useStores } from '@/stores/context'
import { errorText, issueShareTitle } from '@/utils/format'

/** An issue: its masthead, the table of contents grouped by region, then credits and contacts. */
function IssuePage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const { issues } = useStores()
  const pageClass = usePageTheme()

  useEffect(() => {
    if (id) void issues.loadIssue(id)
  }, [issues, id])

  const issue = issues.details.get(id)
  const state = issues.detailState(id)
  const shareTitle = issue ? issueShareTitle(issue) : '《双周决策观察》'
  useShareAppMessage(() => ({ title: shareTitle, path: issuePath(id) }))
  useShareTimeline(() => ({ title: shareTitle, query: `id=${encodeURIComponent(id)}` }))

  if (!id)
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="没有指定期刊" />
      </View>
    )
  return (
    <View className={pageClass}>
      {state.offline ? (
        <OfflineNotice what="已缓存的本期目录" onRetry={() => void issues.loadIssue(id)} />
      ) : null}
      {!issue && (state.status === 'loading' || state.status === 'idle') ? <TocSkeleton /> : null}
      {!issue && state.status === 'error' ? (
        <StateView
          kind="error"
          title="本期加载失败"
          message={errorText(state.error)}
          actionText="重试"
          onAction={() => void issues.loadIssue(id)}
        />
      ) : null}
      {issue ? (
        <View>
          <IssueMasthead issue={issue} />
          <View className="section-title">
            <Text>目录</Text>
            <Text>共 {issue.articleCount} 篇</Text>
          </View>
          {issue.sections.map((s) => (
            <TocSection
              key={s.region}
              region={s.region}
              articles={s.articles}
              onOpen={(aid) => open(articlePath(aid))}
            />
          ))}
          <RemindButton onTap={showComingSoon} />
          <IssueColophon issue={issue} />
        </View>
      ) : null}
    </View>
  )
}

export default observer(IssuePage)
