import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { ActionButton } from '@/components/action-button'
import { AuditRow } from '@/components/audit-row'
import { ImportPanel } from '@/components/import-panel'
import { InlineMessage } from '@/components/inline-message'
import { JobRow } from '@/components/job-row'
import { ListSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { useEditorAccess } from '@/hooks/use-editor-access'
import { usePageTheme } from '@/hooks/use-page-theme'
import { EDITOR_ROUTES, open, posterPath } from '@/services/routes'
import { useStores } from '@/stores/context'
import { AUDIT_ACTIONS, auditDetailText } from '@/stores/editor-desk-store'
import { editorErrorText } from '@/stores/editor-state'
import {
  formatDateTime,
  formatMonthDay,
  issueIdLabel,
  issueLabel,
  JOB_STATUS,
  totalLabel,
} from '@/utils/format'
import { a11y } from '@/utils/a11y'

import '../editor.scss'

const AUDIT_SHOWN = 5

/**
 * 编辑台: import a new issue (file or pasted text) → preview, the published issues (poster,
 * unpublish), notification jobs with their counts, and the latest audit entries.
 */
function EditorHomePage() {
  const { editor, desk, platform } = useStores()
  const pageClass = usePageTheme()
  const access = useEditorAccess()

  useEffect(() => {
    if (access !== 'editor') return
    desk.refresh()
  }, [access, desk])
  useDidShow(() => {
    if (editor.isEditor) void desk.loadJobs()
  })

  if (access !== 'editor')
    return (
      <View className={pageClass}>
        {access === 'checking' ? <ListSkeleton rows={4} /> : null}
        {access === 'denied' ? (
          <StateView kind="empty" title="只有编辑可以使用编辑台" message="当前身份不在编辑名单中" />
        ) : null}
        {access === 'error' ? (
          <StateView
            kind="error"
            title="编辑台暂时打不开"
            message={editorErrorText(editor.statusState.error)}
            actionText="重试"
            onAction={() => void editor.checkEditor()}
          />
        ) : null}
      </View>
    )

  const busy = editor.previewState.status === 'loading'
  const preview = (ok: boolean) => {
    if (ok) open(EDITOR_ROUTES.preview)
  }
  const pickFile = async () => {
    const file = await platform.pickIssueFile()
    if (file) preview(await editor.importFile(file))
  }
  const labelOf = (issueId: string) => {
    const issue = desk.issues.find((i) => i.id === issueId)
    return issue ? `${issueLabel(issue)}（${totalLabel(issue)}）` : issueId
  }

  return (
    <View className={pageClass}>
      <View className="section-title">导入新一期</View>
      <ImportPanel
        text={editor.draftText}
        onText={(t) => editor.setDraftText(t)}
        onPickFile={() => void pickFile()}
        onPreview={() => void editor.previewText().then(preview)}
        pickLabel={platform.kind === 'weapp' ? '从聊天中选择文件' : '选择文件'}
        busy={busy}
      />
      {editor.previewState.status === 'error' ? (
        <View className="editor-page__message">
          <InlineMessage tone="error" text={editorErrorText(editor.previewState.error)} />
        </View>
      ) : null}
      {editor.preview && !editor.published && !busy ? (
        <View
          className="editor-page__link"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={() => open(EDITOR_ROUTES.preview)}
        >
          <Text>
            回到预览：{issueLabel(editor.preview.parsed.issue)}（
            {totalLabel(editor.preview.parsed.issue)}） ›
          </Text>
        </View>
      ) : null}

      {desk.notice ? (
        <View className="editor-page__message">
          <InlineMessage text={desk.notice} />
        </View>
      ) : null}

      <View className="section-title">
        <Text>已发布的期刊</Text>
        <Text>{desk.issues.length ? `${desk.issues.length} 期` : ''}</Text>
      </View>
      <View className="card editor-issues">
        {desk.issuesState.status === 'loading' ? <ListSkeleton rows={2} /> : null}
        {desk.issuesState.status === 'ready' && desk.issues.length === 0 ? (
          <View className="editor-page__empty">
            <Text>还没有发布的期刊</Text>
          </View>
        ) : null}
        {desk.issues.map((issue) => (
          <View key={issue.id} className="editor-issue">
            <View className="editor-issue__main">
              <Text className="editor-issue__label">{issueLabel(issue)}</Text>
              <Text className="editor-issue__meta">
                {totalLabel(issue)} · {issue.articleCount} 篇 · {formatMonthDay(issue.publishedOn)}
              </Text>
            </View>
            <View className="editor-issue__actions">
              <ActionButton label="海报" onTap={() => open(posterPath(issue.id))} />
              <ActionButton label="下线" kind="danger" onTap={() => void desk.unpublish(issue)} />
            </View>
          </View>
        ))}
      </View>

      <View className="section-title">
        <Text>通知任务</Text>
        <View
          className="editor-page__refresh"
          hoverClass="pressed"
          {...a11y('button')}
          onClick={() => void desk.loadJobs()}
        >
          <Text>刷新</Text>
        </View>
      </View>
      <View className="card editor-jobs">
        {desk.jobsState.status === 'error' ? (
          <View className="editor-page__empty">
            <Text>{editorErrorText(desk.jobsState.error)}</Text>
          </View>
        ) : null}
        {desk.jobsState.status === 'ready' && desk.jobs.length === 0 ? (
          <View className="editor-page__empty">
            <Text>还没有通知任务：首次发布一期时创建</Text>
          </View>
        ) : null}
        {desk.jobs.map((job) => (
          <JobRow
            key={job.id}
            title={labelOf(job.issueId)}
            status={JOB_STATUS[job.status] ?? job.status}
            paused={job.status === 'paused'}
            pauseReason={job.pauseReason}
            total={job.total}
            counts={job.counts}
            onResume={() => void desk.resumeJob(job.id)}
          />
        ))}
      </View>

      <View className="section-title">
        <Text>操作记录</Text>
        <View
          className="editor-page__refresh"
          hoverClass="pressed"
          {...a11y('link')}
          onClick={() => open(EDITOR_ROUTES.audit)}
        >
          <Text>全部记录 ›</Text>
        </View>
      </View>
      <View className="card editor-audit">
        {desk.auditState.status === 'ready' && desk.audit.length === 0 ? (
          <View className="editor-page__empty">
            <Text>还没有操作记录</Text>
          </View>
        ) : null}
        {desk.audit.slice(0, AUDIT_SHOWN).map((e, i) => (
          <AuditRow
            key={`${e.at}-${i}`}
            when={formatDateTime(e.at)}
            action={AUDIT_ACTIONS[e.action] ?? e.action}
            issueId={e.issueId ? issueIdLabel(e.issueId) : null}
            who={e.openid}
            detail={auditDetailText(e.detail)}
          />
        ))}
      </View>
    </View>
  )
}

export default observer(EditorHomePage)
