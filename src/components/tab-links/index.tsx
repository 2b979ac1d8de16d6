import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export type TabLinkName = 'latest' | 'search' | 'me'

export interface TabLinksProps {
  onGo: (tab: TabLinkName) => void
}

const LINKS: { tab: TabLinkName; label: string }[] = [
  { tab: 'latest', label: '最新' },
  { tab: 'search', label: '搜索' },
  { tab: 'me', label: '我的' },
]

/** The way on from a page opened cold from a link: the publication's name and three tabs. */
export function TabLinks({ onGo }: TabLinksProps) {
  return (
    <View className="tab-links" {...a11y('navigation', '栏目')}>
      <Text className="tab-links__name">双周决策观察</Text>
      {LINKS.map((l) => (
        <View
          key={l.tab}
          className="tab-links__link"
          hoverClass="pressed"
          {...a11y('link', l.label)}
          onClick={() => onGo(l.tab)}
        >
          <Text>{l.label}</Text>
        </View>
      ))}
    </View>
  )
}
