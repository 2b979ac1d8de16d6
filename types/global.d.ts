/// <reference types="@tarojs/taro" />

// Static assets resolve to a URL (h5) or a package path (weapp).
declare module '*.png' {
  const src: string
  export default src
}
declare module '*.jpg' {
  const src: string
  export default src
}
declare module '*.jpeg' {
  const src: string
  export default src
}
declare module '*.gif' {
  const src: string
  export default src
}
declare module '*.svg' {
  const src: string
  export default src
}

// Stylesheets are imported for their side effect only (CSS modules are off).
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    /** Build target, inlined by the Taro CLI; this project builds only these two. */
    TARO_ENV: 'weapp' | 'h5'
    /** Overrides project.config.json's appid in the weapp output. */
    TARO_APP_ID?: string
    /** Cloud environment id for `Taro.cloud.init` (weapp); the project's default when unset. */
    TARO_APP_CLOUD_ENV?: string
    /** Subscription-message template id of the new-issue notice (default `local-new-issue`). */
    TARO_APP_NOTIFY_TEMPLATE_ID?: string
  }
}
