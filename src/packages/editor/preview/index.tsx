import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'

import { ActionButton } from '@/components/action-button'
import { InlineMessage } from '@/components/inline-message'
import { IssueMasthead } from '@/components/issue-masthead'
import { ReplaceDiffView } from '@/components/replace-diff'
import { StateView } from '@/components/state-view'
import { TocSection } from '@/components/toc-section'
import { WarningList } from '@/components/warning-list'
import { useEditorAccess } from '@/hooks/use-editor-access'
import { usePageTheme } from '@/hooks/use-page-theme'
import { editorArticlePath, issuePath, open, posterPath } from '@/services/routes'
import { useStores } from '@/stores/context'
import { editorErrorText } from '@/stores/editor-state'
import { issueLabel, totalLabel } from '@/utils/format'

import '../editor.scss'

const FORMATS: Record<string, string> = {
  text: '按导出文本解析',
  docx: '按 Word 解析',
  pdf: '按 PDF 解析',
}

/**
 * The server's parse of an imported issue, before it goes out: masthead, counts, every warning,
 * what a replacement keeps, the contents by region (each article readable as readers will see
 * it), then publish or replace.
 */
function PreviewPage() {
  const { editor } = useStores()
  const pageClass = usePageTheme()
  const access = useEditorAccess()
  const { preview, published } = editor

  if (access === 'denied')
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="只有编辑可以预览和发布" />
      </View>
    )
  if (!preview)
    return (
      <View className={pageClass}>
        <StateView
          kind={editor.previewState.status === 'error' ? 'error' : 'empty'}
          title={editor.previewState.status === 'loading' ? '正在解析…' : '没有待发布的预览'}
          message={
            editor.previewState.status === 'error'
              ? editorErrorText(editor.previewState.error)
              : '回到编辑台，选择文件或粘贴文本'
          }
        />
      </View>
    )

  const { issue, articles, warnings } = preview.parsed
  const label = `${issueLabel(issue)}（${totalLabel(issue)}）`
  const existing = preview.existing
  const publishing = editor.publishState.status === 'loading'
  const removed = editor.removedArticles

  return (
    <View className={pageClass}>
      <IssueMasthead issue={issue} />
      <View className="editor-page__banner">
        {existing ? (
          <>
            <Text className="editor-page__banner-title">
              {existing.published ? '替换已发布的' : '重新发布已下线的'} {label}
            </Text>
            <Text className="editor-page__banner-text">
              保留 {preview.kept} 篇文章的编号，新增 {preview.added} 篇
              {removed.length ? `，删除 ${removed.length} 篇` : ''}
              ；保留的文章，读者的收藏和链接继续有效；不会再次通知订阅者。
            </Text>
          </>
        ) : (
          <>
            <Text className="editor-page__banner-title">首次发布 {label}</Text>
            <Text className="editor-page__banner-text">
              发布后，订阅了更新提醒的读者会收到一条微信通知。
            </Text>
          </>
        )}
        {editor.source ? (
          <Text className="editor-page__banner-text">
            来源：{editor.source.name}（{FORMATS[preview.format] ?? preview.format}）
          </Text>
        ) : null}
      </View>

      <View className="editor-page__counts">
        <View className="editor-page__count">
          <Text className="editor-page__count-value">{articles.length}</Text>
          <Text className="editor-page__count-label">篇文章</Text>
        </View>
        <View className="editor-page__count">
          <Text className="editor-page__count-value">{editor.previewSections.length}</Text>
          <Text className="editor-page__count-label">个栏目</Text>
        </View>
        <View className="editor-page__count">
          <Text className="editor-page__count-value">{warnings.length}</Text>
          <Text className="editor-page__count-label">条提示</Text>
        </View>
      </View>

      {preview.diff ? (
        <>
          <View className="section-title">与已发布的这一期相比</View>
          <ReplaceDiffView diff={preview.diff} />
        </>
      ) : null}

      <View className="section-title">解析提示</View>
      <WarningList warnings={warnings} />

      <View className="section-title">
        <Text>目录（点开查看读者看到的正文）</Text>
      </View>
      {editor.previewSections.map((s) => (
        <TocSection
          key={s.region}
          region={s.region}
          articles={s.articles}
          onOpen={(id) => open(editorArticlePath(id))}
        />
      ))}

      <View className="editor-page__bar">
        {published ? (
          <>
            <InlineMessage
              tone="ok"
              text={
                published.replaced
                  ? `已替换 ${label}：共 ${published.articleCount} 篇，没有再次通知订阅者`
                  : `已发布 ${label}：共 ${published.articleCount} 篇${published.jobCreated ? '，正在通知订阅者' : ''}`
              }
            />
            <ActionButton
              label="以读者身份查看"
              kind="primary"
              block
              onTap={() => open(issuePath(published.issueId))}
            />
            <ActionButton
              label="生成二维码海报"
              block
              onTap={() => open(posterPath(published.issueId))}
            />
          </>
        ) : (
          <>
            {editor.publishState.status === 'error' ? (
              <InlineMessage tone="error" text={editorErrorText(editor.publishState.error)} />
            ) : null}
            {editor.removalAsked ? (
              <>
                <InlineMessage
                  tone="error"
                  text={`替换后，已发布的 ${removed.length} 篇文章将被删除，读者的收藏和链接将显示为已下线。`}
                />
                <ActionButton
                  label={`确认替换并删除 ${removed.length} 篇`}
                  kind="danger"
                  block
                  busy={publishing}
                  busyLabel="正在发布…"
                  onTap={() => void editor.publish(removed.length)}
                />
                <ActionButton label="不替换" block onTap={() => editor.cancelRemoval()} />
              </>
            ) : (
              <ActionButton
                label={
                  existing
                    ? `替换 ${label}${removed.length ? `（删除 ${removed.length} 篇）` : ''}`
                    : `发布 ${label}`
                }
                kind="primary"
                block
                busy={publishing}
                busyLabel="正在发布…"
                onTap={() => void editor.publish()}
              />
            )}
          </>
        )}
      </View>
    </View>
  )
}

export default observer(PreviewPage)
