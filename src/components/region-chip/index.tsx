import { Text } from '@tarojs/components'

import { regionTint } from './tint'
import './index.scss'

export interface RegionChipProps {
  region: string
  /** `large` for group headings in the table of contents. */
  size?: 'small' | 'large'
}

/** A region as a small tinted tag; the same region has the same tint on every screen. */
export function RegionChip({ region, size = 'small' }: RegionChipProps) {
  return (
    <Text className={`region-chip region-chip--${size} region-chip--t${regionTint(region)}`}>
      {region}
    </Text>
  )
}
