/**
 * Build-time configuration of the front end. `TARO_APP_*` variables are inlined by the Taro CLI
 * (config/index.ts defines them always), so a production build sets them in its environment.
 */

/** The cloud environment the functions run in (weapp); '' for the project's default. */
export const CLOUD_ENV: string = process.env.TARO_APP_CLOUD_ENV || ''

/** The subscription-message template of the new-issue notice; the local server uses `local-new-issue`. */
export const NOTIFY_TEMPLATE_ID: string =
  process.env.TARO_APP_NOTIFY_TEMPLATE_ID || 'local-new-issue'

/** The publication's name, as shares and posters print it. */
export const PUBLICATION_TITLE = '双周决策观察'
