/** What a handler knows about its call besides the input: the caller and the clock. */
export interface CallContext {
  /** OPENID from `cloud.getWXContext()`; null when the caller is anonymous (e.g. single-page mode). */
  openid: string | null
  now: () => Date
  /**
   * The call chain, as `cloud.getWXContext().SOURCE` gives it: comma-separated, oldest first —
   * `wx_trigger` for a timer trigger, `wx_client` for a call from the mini-program, and `scf`
   * appended each time one of our functions calls another (`wx_client,scf`). Absent when unknown.
   * Source: https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
   */
  source?: string
}

/** SOURCE values (see `CallContext.source`). */
export const SOURCE = {
  timer: 'wx_trigger',
  client: 'wx_client',
  function: 'scf',
} as const

/**
 * True for a timer trigger or a call from another of our functions (the chain ends in `scf`):
 * the calls no client can make itself. Read from the platform's context, never from the event.
 */
export const fromTimerOrFunction = (ctx: CallContext): boolean => {
  const chain = (ctx.source ?? '').split(',')
  return (
    (chain.length === 1 && chain[0] === SOURCE.timer) || chain[chain.length - 1] === SOURCE.function
  )
}
