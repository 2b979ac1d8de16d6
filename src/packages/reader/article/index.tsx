import { View } from '@tarojs/components'
import Taro, { useDidHide, usePageScroll, useUnload } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'

import { countChars } from '@core/reading'

import { ArticleBody } from '@/components/article-body'
import { ArticleHeader } from '@/components/article-header'
import { ArticlePager } from '@/components/article-pager'
import { ArticleToolbar } from '@/components/article-toolbar'
import { OfflineNotice } from '@/components/offline-notice'
import { ReadingProgress } from '@/components/reading-progress'
import { RemindButton } from '@/components/remind-button'
import { SinglePageHint } from '@/components/single-page-hint'
import { ArticleSkeleton } from '@/components/skeleton'
import { SourceLine } from '@/components/source-line'
import { StateView } from '@/components/state-view'
import { TabLinks } from '@/components/tab-links'
import { useEntry } from '@/hooks/use-entry'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useConsentDialog, useRemind } from '@/hooks/use-remind'
import { useSharing } from '@/hooks/use-sharing'
import { missingNotice } from '@/services/entry'
import { articlePath, issuePath, open, openedCold, replace, switchToTab } from '@/services/routes'
import { articleShare } from '@/services/share'
import { useStores } from '@/stores/context'
import { FONT_SIZES } from '@/stores/settings-store'
import { errorText, issueLabel, readingText } from '@/utils/format'
import { a11y } from '@/utils/a11y'

import './index.scss'

/** How far down the page the reader is (0–1), from the page's scroll height. */
function scrollProgress(top: number): Promise<number> {
  if (process.env.TARO_ENV === 'h5') {
    // h5 scrolls the shown page's own element, not the window.
    const shown = [...document.querySelectorAll<HTMLElement>('.taro_page')]
      .reverse()
      .find((p) => p.offsetParent !== null || p.style.display !== 'none')
    const room = shown ? shown.scrollHeight - shown.clientHeight : 0
    return Promise.resolve(room > 0 ? Math.min(1, top / room) : 0)
  }
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .selectViewport()
        .scrollOffset((res) => {
          const height = (res as { scrollHeight?: number } | null)?.scrollHeight ?? 0
          const view = Taro.getWindowInfo?.().windowHeight ?? 0
          resolve(height > view ? top / (height - view) : 0)
        })
        .exec()
    } catch {
      resolve(0)
    }
  })
}

/**
 * An article: region, title, body from structured blocks, source, and its place in the issue.
 * From Moments (single-page mode) the same article renders without navigation, with a hint.
 */
function ArticlePage() {
  const { id, singlePage, landOnLatest } = useEntry('article')
  const stores = useStores()
  const { articles, library, settings, issues } = stores
  const pageClass = usePageTheme()
  const remind = useRemind(`article:${id}`)
  const consentDialog = useConsentDialog(`article:${id}`)

  useEffect(() => {
    if (!id) return
    // Single-page mode has its own storage and no 我的 tab: nothing to record there.
    if (singlePage) void articles.loadArticle(id)
    else void stores.readArticle(id)
  }, [stores, articles, id, singlePage])

  const detail = articles.articles.get(id)
  const state = articles.state(id)
  const missing = !detail && state.status === 'error' && state.error?.code === 'not_found'
  useEffect(() => {
    if (missing) landOnLatest(missingNotice('article'))
  }, [missing, landOnLatest])

  // Opened from a link with nothing under it (h5): the page offers the tabs itself.
  const [cold] = useState(openedCold)

  // Reading position: tracked while scrolling, saved when the page is left, restored once on open;
  // the progress bar shows it in 2 % steps (few renders while scrolling).
  const scrollTop = useRef(0)
  const restored = useRef(false)
  const [progress, setProgress] = useState(0)
  usePageScroll((e) => {
    scrollTop.current = e.scrollTop
    void scrollProgress(e.scrollTop).then((p) => setProgress(Math.round(p * 50) / 50))
  })
  useDidHide(() => id && articles.savePosition(id, scrollTop.current))
  useUnload(() => id && articles.savePosition(id, scrollTop.current))
  const ready = Boolean(detail)
  useEffect(() => {
    if (!ready || restored.current || singlePage) return
    restored.current = true
    const y = articles.positionOf(id)
    if (y > 0)
      setTimeout(() => void Taro.pageScrollTo({ scrollTop: y, duration: 0 }).catch(() => {}), 50)
  }, [ready, articles, id, singlePage])

  const { copyLink } = useSharing(articleShare(id, detail), singlePage)

  if (!id)
    return (
      <View className={pageClass}>
        {singlePage ? <StateView kind="empty" title="没有找到这篇文章" /> : <ArticleSkeleton />}
      </View>
    )
  if (!detail)
    return (
      <View className={pageClass}>
        {state.status === 'error' && (singlePage || !missing) ? (
          <StateView
            kind="error"
            title={missing ? '这篇文章不存在或已下线' : '文章加载失败'}
            message={missing ? undefined : errorText(state.error)}
            actionText={missing ? undefined : '重试'}
            onAction={() => void articles.loadArticle(id)}
          />
        ) : (
          <ArticleSkeleton />
        )}
      </View>
    )

  const { article, issue, prevId, nextId } = detail

  if (singlePage)
    return (
      <View className={pageClass}>
        <View className="article-page article-page--single">
          <ArticleHeader
            region={article.region}
            title={article.title}
            issueLabel={issueLabel(issue)}
            readingLine={readingText(countChars(article.blocks.map((b) => b.text)))}
          />
          <ArticleBody blocks={article.blocks} />
          <SourceLine sources={article.sources} date={article.sourceDate} />
        </View>
        <SinglePageHint
          issueLine={`《${issue.title}》${issueLabel(issue)} · 共 ${issue.articleCount} 篇`}
        />
      </View>
    )

  const toc = issues.details.get(issue.id)?.sections.flatMap((s) => s.articles) ?? []
  const titleOf = (aid: string) => toc.find((a) => a.id === aid)?.title
  const step = settings.fontStep
  const chars = countChars(article.blocks.map((b) => b.text))

  return (
    <View className={pageClass}>
      <ReadingProgress value={progress} />
      {cold ? <TabLinks onGo={switchToTab} /> : null}
      {state.offline ? (
        <OfflineNotice what="已缓存的文章" onRetry={() => void stores.readArticle(id)} />
      ) : null}
      <View className="article-page">
        <ArticleHeader
          region={article.region}
          title={article.title}
          issueLabel={issueLabel(issue)}
          readingLine={readingText(chars)}
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
          onShare={copyLink}
        />
        <ArticleBody blocks={article.blocks} />
        <SourceLine sources={article.sources} date={article.sourceDate} />
      </View>
      <RemindButton {...remind} />
      <ArticlePager
        prev={
          prevId ? { id: prevId, title: titleOf(prevId) ?? detail.prevTitle ?? undefined } : null
        }
        next={
          nextId ? { id: nextId, title: titleOf(nextId) ?? detail.nextTitle ?? undefined } : null
        }
        onOpen={(aid) => replace(articlePath(aid))}
      />
      <View
        className="article-page__issue"
        hoverClass="pressed"
        {...a11y('link')}
        onClick={() => open(issuePath(issue.id))}
      >
        《双周决策观察》{issueLabel(issue)} · 本期目录 ›
      </View>
      {consentDialog}
    </View>
  )
}

export default observer(ArticlePage)
