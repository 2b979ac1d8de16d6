import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { ArticleRow } from '@/components/article-row'
import { IssueColophon } from '@/components/issue-masthead'
import { Segmented } from '@/components/segmented'
import { SubscribeCard } from '@/components/subscribe-card'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useConsentDialog, useRemind } from '@/hooks/use-remind'
import { articlePath, EDITOR_ROUTES, open } from '@/services/routes'
import { useStores } from '@/stores/context'
import { FONT_SIZES, type Theme } from '@/stores/settings-store'
import { a11y } from '@/utils/a11y'

import './index.scss'

const FONT_LABELS = ['小', '标准', '大', '特大', '超大']
const THEME_OPTIONS: { value: Theme; label: string }[] = [
  { value: 'system', label: '跟随系统' },
  { value: 'light', label: '浅色' },
  { value: 'dark', label: '深色' },
]
const HISTORY_SHOWN = 20

/**
 * Tab 我的: new-issue reminders, favourites, reading history, reading settings, the publication's
 * contacts, and for editors the entry to the editor pages.
 */
function MePage() {
  const stores = useStores()
  const { library, settings, issues, subscription, editor } = stores
  const pageClass = usePageTheme(true)
  const remind = useRemind('me')
  const consentDialog = useConsentDialog('me')

  useEffect(() => {
    void issues.loadMasthead()
  }, [issues])
  useEffect(() => {
    void subscription.loadStatus()
    void editor.checkEditor()
  }, [subscription, editor])
  useDidShow(() => {
    void subscription.loadStatus()
  })

  const openArticle = (id: string) => open(articlePath(id))
  const clearHistory = async () => {
    const sure = await stores.platform.confirm(
      '清除阅读历史？',
      `将清除 ${library.history.size} 篇文章的阅读记录，收藏不受影响。`,
      '清除',
    )
    if (sure) library.clearHistory()
  }
  const masthead = issues.latestDetail

  return (
    <View className={pageClass}>
      <View className="section-title">更新提醒</View>
      <SubscribeCard
        remaining={subscription.remaining}
        failed={subscription.statusState.status === 'error'}
        refused={subscription.refused}
        busy={remind.busy || subscription.cancelling}
        note={remind.note}
        onSubscribe={remind.onTap}
        onCancel={() => void subscription.cancel('me')}
        onOpenSettings={remind.onOpenSettings}
      />

      {editor.isEditor ? (
        <>
          <View className="section-title">编辑</View>
          <View
            className="card me-page__editor"
            hoverClass="pressed"
            {...a11y('link')}
            onClick={() => open(EDITOR_ROUTES.home)}
          >
            <View className="me-page__editor-main">
              <Text className="me-page__editor-title">编辑台</Text>
              <Text className="me-page__editor-text">
                导入新一期、预览并发布，二维码海报，操作记录
              </Text>
            </View>
            <Text className="me-page__arrow">›</Text>
          </View>
        </>
      ) : null}

      <View className="section-title">阅读设置</View>
      <View className="card me-page__settings">
        <Text className="me-page__label">正文字号</Text>
        <Segmented
          options={FONT_SIZES.map((size, i) => ({
            value: i,
            label: FONT_LABELS[i],
            previewSize: size - 1,
          }))}
          value={settings.fontStep}
          onChange={(step) => settings.setFontStep(step)}
        />
        <View
          className={`me-page__follow${settings.followsSystem ? ' me-page__follow--on' : ''}`}
          hoverClass={settings.followsSystem ? 'none' : 'pressed'}
          {...a11y('button')}
          onClick={() => settings.followSystemFont()}
        >
          <Text>{settings.followsSystem ? '✓ 跟随系统字体大小' : '恢复跟随系统字体大小'}</Text>
        </View>
        <Text className="me-page__label">外观</Text>
        <Segmented
          options={THEME_OPTIONS}
          value={settings.theme}
          onChange={(t) => settings.setTheme(t)}
        />
      </View>

      <View className="section-title">
        <Text>我的收藏</Text>
        <Text>{library.favourites.size ? `${library.favourites.size} 篇` : ''}</Text>
      </View>
      <View className="card me-page__favourites">
        {library.favouriteList.length === 0 ? (
          <View className="me-page__empty">
            <Text>还没有收藏的文章。在文章页点“收藏”，就会出现在这里。</Text>
          </View>
        ) : (
          library.favouriteList.map((e) => (
            <ArticleRow
              key={e.id}
              id={e.id}
              title={e.title}
              region={e.region}
              meta={e.issueLabel}
              withdrawn={e.withdrawn}
              onOpen={openArticle}
            />
          ))
        )}
      </View>

      <View className="section-title">
        <Text>阅读历史</Text>
        {library.history.size ? (
          <View
            className="me-page__clear"
            hoverClass="pressed"
            {...a11y('button', '清除阅读历史')}
            onClick={() => void clearHistory()}
          >
            <Text>清除</Text>
          </View>
        ) : null}
      </View>
      <View className="card me-page__history">
        {library.historyList.length === 0 ? (
          <View className="me-page__empty">
            <Text>读过的文章会按时间列在这里，离线时也能打开。</Text>
          </View>
        ) : (
          library.historyList
            .slice(0, HISTORY_SHOWN)
            .map((e) => (
              <ArticleRow
                key={e.id}
                id={e.id}
                title={e.title}
                region={e.region}
                meta={e.issueLabel}
                withdrawn={e.withdrawn}
                onOpen={openArticle}
              />
            ))
        )}
      </View>

      <View className="section-title">关于</View>
      <View className="card me-page__about">
        <Text className="me-page__about-title">《双周决策观察》</Text>
        <Text className="me-page__about-text">地方工作亮点追踪 · 每两周一期</Text>
      </View>
      {masthead ? <IssueColophon issue={masthead} /> : null}
      {stores.localOpenid ? (
        <View className="me-page__identity">
          <Text className="me-page__identity-text" userSelect>
            本机身份：{stores.localOpenid}
          </Text>
          <Text className="me-page__identity-hint">
            本地开发用：把它加入 ADMIN_OPENIDS 后重启服务，即可使用编辑功能
          </Text>
        </View>
      ) : null}
      {consentDialog}
    </View>
  )
}

export default observer(MePage)
