import { Text, View } from '@tarojs/components'

import { sourceText } from '@/utils/format'

import './index.scss'

export interface SourceLineProps {
  sources: string[]
  date: string | null
}

/** `来源：上海证券报 · 2024-03-26`, small and muted under the last paragraph. */
export function SourceLine({ sources, date }: SourceLineProps) {
  const text = sourceText(sources, date)
  if (!text) return null
  return (
    <View className="source-line">
      <Text>{text}</Text>
    </View>
  )
}
