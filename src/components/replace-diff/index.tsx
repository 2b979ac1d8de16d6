import { Text, View } from '@tarojs/components'

import type { ReplaceDiff } from '@core/api/publish'

import './index.scss'

export interface ReplaceDiffViewProps {
  diff: ReplaceDiff
}

interface Group {
  key: keyof ReplaceDiff
  label: string
  lines: string[]
}

/**
 * What replacing a published issue does, article by article: removed first (readers lose them),
 * then retitled, added and kept.
 */
export function ReplaceDiffView({ diff }: ReplaceDiffViewProps) {
  const groups: Group[] = [
    { key: 'removed', label: '删除', lines: diff.removed.map((a) => a.title) },
    {
      key: 'changed',
      label: '改标题',
      lines: diff.changed.map((a) => `${a.before} → ${a.title}`),
    },
    { key: 'added', label: '新增', lines: diff.added.map((a) => a.title) },
    { key: 'kept', label: '保留', lines: diff.kept.map((a) => a.title) },
  ]
  return (
    <View className="replace-diff">
      {groups
        .filter((g) => g.lines.length > 0)
        .map((g) => (
          <View key={g.key} className={`replace-diff__group replace-diff__group--${g.key}`}>
            <Text className="replace-diff__label">
              {g.label} {g.lines.length} 篇
            </Text>
            {g.lines.map((line, i) => (
              <Text key={i} className="replace-diff__line">
                {line}
              </Text>
            ))}
          </View>
        ))}
    </View>
  )
}
