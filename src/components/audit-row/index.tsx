import { Text, View } from '@tarojs/components'

import './index.scss'

export interface AuditRowProps {
  /** e.g. `2024-03-28 16:05`. */
  when: string
  /** 发布 / 替换 / 下线. */
  action: string
  /** e.g. `总第 280 期`. */
  issueId: string | null
  who: string
  detail: string
}

/** One entry of the audit log: who did what to which issue, and when. */
export function AuditRow({ when, action, issueId, who, detail }: AuditRowProps) {
  return (
    <View className="audit-row">
      <View className="audit-row__head">
        <Text className="audit-row__action">{action}</Text>
        {issueId ? <Text className="audit-row__issue">{issueId}</Text> : null}
        <Text className="audit-row__when">{when}</Text>
      </View>
      {detail ? <Text className="audit-row__detail">{detail}</Text> : null}
      <Text className="audit-row__who">操作人：{who}</Text>
    </View>
  )
}
