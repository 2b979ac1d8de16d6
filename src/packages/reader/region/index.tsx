import { View } from '@tarojs/components'
import Taro, { useReachBottom, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { ArticleRow } from '@/components/article-row'
import { ListFooter } from '@/components/list-footer'
import { OfflineNotice } from '@/components/offline-notice'
import { RegionChip } from '@/components/region-chip'
import { ListSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { articlePath, open, readParam } from '@/services/routes'
import { useStores } from '@/stores/context'
import { errorText, formatDate, issueLabel } from '@/utils/format'

import './index.scss'

/** One region's articles across all issues, newest first, paged on scroll. */
function RegionPage() {
  const { params } = useRouter()
  const region = readParam(params.region)
  const { regions } = useStores()
  const pageClass = usePageTheme()

  useEffect(() => {
    if (!region) return
    void Taro.setNavigationBarTitle({ title: region }).catch(() => {})
    void regions.loadRegion(region)
  }, [regions, region])
  useReachBottom(() => void regions.loadMoreOf(region))

  const list = regions.list(region)
  const items = regions.articlesOf(region)
  const summary = regions.regions.find((r) => r.region === region)

  return (
    <View className={pageClass}>
      {list.offline ? (
        <OfflineNotice
          what="之前加载的列表"
          onRetry={() => void regions.loadRegion(region, true)}
        />
      ) : null}
      <View className="region-page__head">
        <RegionChip region={region || '—'} size="large" />
        <View className="region-page__count">
          {summary ? `${summary.articleCount} 篇文章 · 最新在前` : '最新在前'}
        </View>
      </View>
      {list.status === 'loading' || list.status === 'idle' ? <ListSkeleton rows={5} /> : null}
      {list.status === 'error' ? (
        <StateView
          kind="error"
          title="文章加载失败"
          message={errorText(list.error)}
          actionText="重试"
          onAction={() => void regions.loadRegion(region, true)}
        />
      ) : null}
      {list.status === 'ready' && items.length === 0 ? (
        <StateView kind="empty" title={`${region}还没有文章`} />
      ) : null}
      {items.length > 0 ? (
        <View className="card">
          {items.map((a) => (
            <ArticleRow
              key={a.id}
              id={a.id}
              title={a.title}
              region={a.region}
              showRegion={false}
              excerpt={a.excerpt}
              meta={`${issueLabel({ year: a.issueYear, number: a.issueNumber })} · ${a.sources.join(' ')}${a.sourceDate ? ` · ${formatDate(a.sourceDate)}` : ''}`}
              onOpen={(aid) => open(articlePath(aid))}
            />
          ))}
        </View>
      ) : null}
      {items.length > 0 ? (
        <ListFooter
          loading={list.loadingMore}
          failed={list.moreError !== null}
          hasMore={list.nextCursor !== null}
          onMore={() => void regions.loadMoreOf(region)}
        />
      ) : null}
    </View>
  )
}

export default observer(RegionPage)
