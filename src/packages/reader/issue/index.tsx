import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'

import type { IssueDetail } from '@core/api/content'

import { IssueColophon, IssueMasthead } from '@/components/issue-masthead'
import { OfflineNotice } from '@/components/offline-notice'
import { RemindButton } from '@/components/remind-button'
import { ShareLink } from '@/components/share-link'
import { SinglePageHint } from '@/components/single-page-hint'
import { TocSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { TabLinks } from '@/components/tab-links'
import { TocSection } from '@/components/toc-section'
import { useEntry } from '@/hooks/use-entry'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useConsentDialog, useRemind } from '@/hooks/use-remind'
import { useSharing } from '@/hooks/use-sharing'
import { missingNotice } from '@/services/entry'
import { articlePath, open, openedCold, switchToTab } from '@/services/routes'
import { issueShare } from '@/services/share'
import { useStores } from '@/stores/context'
import { errorText, readProgressText, readingText } from '@/utils/format'

import './index.scss'

/** The issue's length in characters, when every contents entry carries it. */
function issueChars(issue: IssueDetail): number | null {
  const all = issue.sections.flatMap((s) => s.articles)
  return all.every((a) => typeof a.chars === 'number')
    ? all.reduce((n, a) => n + (a.chars ?? 0), 0)
    : null
}

/** An issue: its masthead, the table of contents grouped by region, then credits and contacts. */
function IssuePage() {
  const { id, singlePage, landOnLatest } = useEntry('issue')
  const { issues, library } = useStores()
  const pageClass = usePageTheme()
  const remind = useRemind(`issue:${id}`)
  const consentDialog = useConsentDialog(`issue:${id}`)

  useEffect(() => {
    if (id) void issues.loadIssue(id)
  }, [issues, id])

  const issue = id ? issues.details.get(id) : undefined
  const chars = issue ? issueChars(issue) : null
  const state = issues.detailState(id)
  const missing = !issue && state.status === 'error' && state.error?.code === 'not_found'
  useEffect(() => {
    if (missing) landOnLatest(missingNotice('issue'))
  }, [missing, landOnLatest])

  // Opened from a link with nothing under it (h5): the page offers the tabs itself.
  const [cold] = useState(openedCold)
  const sharing = issueShare(id, issue)
  const { copyLink } = useSharing(sharing, singlePage)

  if (!id)
    return (
      <View className={pageClass}>
        {singlePage ? <StateView kind="empty" title="没有找到这一期" /> : <TocSkeleton />}
      </View>
    )
  return (
    <View className={pageClass}>
      {cold && !singlePage ? <TabLinks onGo={switchToTab} /> : null}
      {state.offline ? (
        <OfflineNotice what="已缓存的本期目录" onRetry={() => void issues.loadIssue(id)} />
      ) : null}
      {!issue && (state.status === 'loading' || state.status === 'idle' || missing) ? (
        <TocSkeleton />
      ) : null}
      {!issue && state.status === 'error' && !missing ? (
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
          <View className="issue-page__reading">
            {chars ? <Text>{readingText(chars)}</Text> : null}
            {singlePage ? null : (
              <Text className="issue-page__read">
                {readProgressText(library.readCountOf(issue.id), issue.articleCount)}
              </Text>
            )}
          </View>
          {issue.sections.map((s) => (
            <TocSection
              key={s.region}
              region={s.region}
              articles={s.articles}
              onOpen={(aid) => (singlePage ? undefined : open(articlePath(aid)))}
            />
          ))}
          {singlePage ? (
            <SinglePageHint issueLine={sharing.title} />
          ) : (
            <>
              <RemindButton {...remind} />
              {copyLink ? (
                <View className="issue-page__share">
                  <ShareLink onShare={copyLink} label="复制本期链接" />
                </View>
              ) : null}
            </>
          )}
          <IssueColophon issue={issue} />
        </View>
      ) : null}
      {consentDialog}
    </View>
  )
}

export default observer(IssuePage)
