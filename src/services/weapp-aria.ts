import { mergeInternalComponents } from '@tarojs/shared'

import { WEAPP_ARIA } from './weapp-aria-attributes'

/** Lets `ariaRole` / `ariaLabel` props reach WeChat (call before the first page renders). */
export function enableWeappAria(): void {
  mergeInternalComponents({ View: WEAPP_ARIA, Text: WEAPP_ARIA })
}
