import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { ArticleRow } from '@/components/article-row'
import { FilterChips } from '@/components/filter-chips'
import { ListFooter } from '@/components/list-footer'
import { SearchBar } from '@/components/search-bar'
import { ListSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { usePageTheme } from '@/hooks/use-page-theme'
import { articlePath, open } from '@/services/routes'
import { useStores } from '@/stores/context'
import { MAX_INPUT_LENGTH } from '@/stores/search-store'
import { errorText, issueLabel } from '@/utils/format'
import { a11y } from '@/utils/a11y'

import './index.scss'

/** Tab 搜索: a query box, region filter, recent queries and hits with highlighted snippets. */
function SearchPage() {
  const { search, regions } = useStores()
  const pageClass = usePageTheme(true)

  useEffect(() => {
    void regions.loadRegions()
  }, [regions])
  useReachBottom(() => void search.loadMore())

  const { results } = search
  const openArticle = (id: string) => open(articlePath(id))

  return (
    <View className={pageClass}>
      <SearchBar
        value={search.draft}
        maxLength={MAX_INPUT_LENGTH}
        onInput={(v) => search.setDraft(v)}
        onSubmit={(v) => void search.search(v)}
        onClear={() => {
          search.setDraft('')
          search.clearResults()
        }}
      />
      {regions.regionNames.length > 0 ? (
        <FilterChips
          options={regions.regionNames}
          selected={search.region}
          onSelect={(r) => void search.setRegion(r)}
        />
      ) : null}

      {!search.hasQuery ? (
        search.recent.length > 0 ? (
          <View>
            <View className="section-title">
              <Text>最近搜索</Text>
              <View
                className="search-page__clear"
                {...a11y('button')}
                onClick={() => search.clearRecent()}
              >
                <Text>清除</Text>
              </View>
            </View>
            <View className="search-page__recent">
              {search.recent.map((q) => (
                <View
                  key={q}
                  className="search-page__recent-item"
                  {...a11y('button')}
                  onClick={() => void search.search(q)}
                >
                  <Text>{q}</Text>
                </View>
              ))}
            </View>
          </View>
        ) : (
          <StateView
            kind="empty"
            title="搜索全部期刊"
            message="输入地名、政策或机构，如“新质生产力”"
          />
        )
      ) : null}

      {search.hasQuery && results.status === 'ready' && search.queryNote ? (
        <View className="search-page__note">
          <Text>{search.queryNote}</Text>
        </View>
      ) : null}
      {search.hasQuery && results.status === 'loading' ? <ListSkeleton rows={4} /> : null}
      {search.hasQuery && results.status === 'error' ? (
        <StateView
          kind="error"
          title="搜索失败"
          message={errorText(results.error)}
          actionText="重试"
          onAction={() => void search.retry()}
        />
      ) : null}
      {search.hasQuery && results.status === 'ready' && search.items.length === 0 ? (
        <StateView
          kind="empty"
          title={`没有找到与“${search.query}”相关的文章`}
          message={search.region ? `可以试试在“全部”地区中搜索` : '换个关键词试试'}
        />
      ) : null}
      {search.hasQuery && search.items.length > 0 ? (
        <View>
          <View className="section-title">
            <Text>共 {search.total} 篇</Text>
          </View>
          <View className="card">
            {search.items.map((hit) => (
              <ArticleRow
                key={hit.id}
                id={hit.id}
                title={hit.title}
                titleHits={hit.titleHits}
                excerpt={hit.snippet}
                excerptHits={hit.snippetHits}
                region={hit.region}
                meta={`${issueLabel({ year: hit.issueYear, number: hit.issueNumber })}${hit.sources.length ? ` · ${hit.sources.join(' ')}` : ''}`}
                onOpen={openArticle}
              />
            ))}
          </View>
          <ListFooter
            loading={results.loadingMore}
            failed={results.moreError !== null}
            hasMore={results.nextCursor !== null}
            onMore={() => void search.loadMore()}
          />
        </View>
      ) : null}
    </View>
  )
}

export default observer(SearchPage)
