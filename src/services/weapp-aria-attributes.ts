/**
 * WeChat's screen-reader attributes of `view` and `text` (base library 2.7.1+), as Taro lists a
 * component's attributes. One list for the build's templates (config/plugins/aria-attributes.ts)
 * and the app's runtime (weapp-aria.ts): Taro maps props to template slots by the sorted list, so
 * both must name the same attributes.
 */
export const WEAPP_ARIA = { 'aria-label': "''", 'aria-role': "''" }
