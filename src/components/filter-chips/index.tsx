import { ScrollView, Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import { regionTint } from '../region-chip/tint'
import './index.scss'

export interface FilterChipsProps {
  /** Region names; `全部` (null) comes first. */
  options: string[]
  selected: string | null
  onSelect: (value: string | null) => void
}

/** A horizontal row of region filters, the selected one in its region's tint. */
export function FilterChips({ options, selected, onSelect }: FilterChipsProps) {
  const all: (string | null)[] = [null, ...options]
  return (
    <ScrollView className="filter-chips" scrollX enableFlex>
      <View className="filter-chips__row">
        {all.map((value) => {
          const on = value === selected
          const tint = value === null ? 'all' : `t${regionTint(value)}`
          return (
            <View
              key={value ?? '*'}
              className="filter-chips__chip"
              {...a11y('button')}
              onClick={() => onSelect(value)}
            >
              <Text
                className={`filter-chips__pill${on ? ` filter-chips__pill--on filter-chips__pill--${tint}` : ''}`}
              >
                {value ?? '全部'}
              </Text>
            </View>
          )
        })}
      </View>
    </ScrollView>
  )
}
