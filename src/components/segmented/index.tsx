import { Text, View } from '@tarojs/components'

import { a11y } from '@/utils/a11y'
import './index.scss'

export interface SegmentedOption<T extends string | number> {
  value: T
  label: string
  /** Optional inline size for previews (e.g. font sizes), in px. */
  previewSize?: number
}

export interface SegmentedProps<T extends string | number> {
  options: SegmentedOption<T>[]
  value: T
  onChange: (value: T) => void
}

/** A row of mutually exclusive options (font size, theme). */
export function Segmented<T extends string | number>({
  options,
  value,
  onChange,
}: SegmentedProps<T>) {
  return (
    <View className="segmented">
      {options.map((o) => (
        <View
          key={String(o.value)}
          className={`segmented__item${o.value === value ? ' segmented__item--on' : ''}`}
          {...a11y('button')}
          onClick={() => onChange(o.value)}
        >
          <Text style={o.previewSize ? { fontSize: `${o.previewSize}px` } : undefined}>
            {o.label}
          </Text>
        </View>
      ))}
    </View>
  )
}
