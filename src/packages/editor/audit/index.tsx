import { View } from '@tarojs/components'
import { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect } from 'react'

import { AuditRow } from '@/components/audit-row'
import { ListFooter } from '@/components/list-footer'
import { ListSkeleton } from '@/components/skeleton'
import { StateView } from '@/components/state-view'
import { useEditorAccess } from '@/hooks/use-editor-access'
import { usePageTheme } from '@/hooks/use-page-theme'
import { useStores } from '@/stores/context'
import { AUDIT_ACTIONS, auditDetailText } from '@/stores/editor-desk-store'
import { editorErrorText } from '@/stores/editor-state'
import { formatDateTime, issueIdLabel } from '@/utils/format'

import '../editor.scss'

/** The audit log: who published, replaced or unpublished which issue, and when; newest first. */
function AuditPage() {
  const { desk } = useStores()
  const pageClass = usePageTheme()
  const access = useEditorAccess()

  useEffect(() => {
    if (access === 'editor') void desk.loadAudit()
  }, [access, desk])
  useReachBottom(() => void desk.loadMoreAudit())
  usePullDownRefresh(() => {
    void desk.loadAudit().finally(() => Taro.stopPullDownRefresh())
  })

  if (access === 'denied')
    return (
      <View className={pageClass}>
        <StateView kind="empty" title="只有编辑可以查看操作记录" />
      </View>
    )
  const state = desk.auditState
  return (
    <View className={pageClass}>
      <View className="section-title">最新在前</View>
      {state.status === 'loading' || access === 'checking' ? <ListSkeleton rows={5} /> : null}
      {state.status === 'error' ? (
        <StateView
          kind="error"
          title="操作记录加载失败"
          message={editorErrorText(state.error)}
          actionText="重试"
          onAction={() => void desk.loadAudit()}
        />
      ) : null}
      {state.status === 'ready' && desk.audit.length === 0 ? (
        <StateView kind="empty" title="还没有操作记录" />
      ) : null}
      {desk.audit.length > 0 ? (
        <View className="card editor-audit">
          {desk.audit.map((e, i) => (
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
      ) : null}
      {desk.audit.length > 0 ? (
        <ListFooter
          loading={desk.auditLoadingMore}
          failed={false}
          hasMore={desk.auditCursor !== null}
          onMore={() => void desk.loadMoreAudit()}
          endText="没有更早的记录了"
        />
      ) : null}
    </View>
  )
}

export default observer(AuditPage)
