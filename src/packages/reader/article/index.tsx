import { View } from '@tarojs/components'
import Taro, {
  useDidHide,
  usePageScroll,
  useRouter,
  useShareAppMessage,
  useShareTimeline,
  useUnload,
} from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef } from 'react'

import { ArticleBody } from '@/components/article-body'
import { ArticleHeader } from '@/components/article-header'
import { ArticlePager } from '@/components/article-pager'
import { ArticleToolbar } from '@/components/article-toolbar'
import { OfflineNotice } from '@/components/offline-notice'
import { RemindButton } from '@/components/remind-button'
import { ArticleSkeleton } from '@/components/skeleton'
import { SourceLine } from '@/components/source-line'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { articlePath, issuePath, open, readParam, replace, showComingSoon } from '@/services/routes'
import { useStores } from '@/stores/context'
import { FONT_SIZES } from '@/stores/settings-store'
import { errorText, issueLabel } from '@/utils/format'

import './index.scss'

/** An article: region, title, body from structured blocks, source, and its place in the issue. */
function ArticlePage() {
  const { params } = useRouter()
  const id = readParam(params.id)
  const stores = useStores()
  const { articles, library, settings, issues } = stores
  const pageClass = usePageTheme()

  useEffect(() => {
    if (id) void stores.readArticle(id)
  }, [stores, id])

  const detail = articles.articles.get(id)
  const state = articles.state(id)

  // Reading position: tracked while scrolling, saved when the page is left, restored once on open.
  const scrollTop = useRef(0)
  const restored = useRef(false)
  usePageScroll((e) => {
    scrollTop.current = e.scrollTop
  })
  useDidHide(() => articles.savePosition(id, scrollTop.current))
  useUnload(() => articles.savePosition(id, scrollTop.current))
  const ready = Boolean(detail)
  useEffect(() => {
    if (!ready || restored.current) return
    restored.current = true
    const y = articles.positionOf(id)
    if (y > 0)
      setTimeout(() => void Taro.pageScrollTo({ scrollTop: y, duration: 0 }).catch(() => {}), 50)
  }, [ready, articles, id])

  const title = detail?.article.title ?? '双周决策观察'
  useShareAppMessage(() => ({ title, path: articlePath(id) }))
  useShareTimeline(() => ({ title, query: `id=${encodeURIComponent(id)}` }))

  if (!id)
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="没有指定文章" />
      </View>
    )
  if (!detail)
    return (
      <View className={pageClass}>
        {state.status === 'error' ? (
          <StateView
            kind="error"
            title="文章加载失败"
            message={errorText(state.error)}
            actionText="重试"
            onAction={() => void stores.readArticle(id)}
          />
        ) : (
          <ArticleSkeleton />
        )}
      </View>
    )

  const { article, issue, prevId, nextId } = detail
  const toc = issues.details.get(issue.id)?.sections.flatMap((s) => s.articles) ?? []
  const titleOf = (aid: string) => toc.find((a) => a.id === aid)?.title
  const step = settings.fontStep

  return (
    <View className={pageClass}>
      {state.offline ? (
        <OfflineNotice what="已缓存的文章" onRetry={() => void stores.readArticle(id)} />
      ) : null}
      <View className="article-page">
        <ArticleHeader
          region={article.region}
          title={article.title}
          issueLabel={issueLabel(issue)}
          onOpenIssue={() => open(issuePath(issue.id))}
        />
        <ArticleToolbar
          favourite={library.isFavourite(id)}
          fontSize={settings.fontSize}
          canShrink={step > 0}
          canGrow={step < FONT_SIZES.length - 1}
          onShrink={() => settings.decreaseFont()}
          onGrow={() => settings.increaseFont()}
          onToggleFavourite={() => library.toggleFavourite(detail)}
        />
        <ArticleBody blocks={article.blocks} />
        <SourceLine sources={article.sources} date={article.sourceDate} />
      </View>
      <RemindButton onTap={showComingSoon} />
      <ArticlePager
        prev={prevId ? { id: prevId, title: titleOf(prevId) } : null}
        next={nextId ? { id: nextId, title: titleOf(nextId) } : null}
        onOpen={(aid) => replace(articlePath(aid))}
      />
      <View
        className="article-page__issue"
        hoverClass="pressed"
        onClick={() => open(issuePath(issue.id))}
      >
        《双周决策观察》{issueLabel(issue)} · 本期目录 ›
      </View>
    </View>
  )
}

export default observer(ArticlePage)
