/** What a handler knows about its call besides the input: the caller and the clock. */
export interface CallContext {
  /** OPENID from `cloud.getWXContext()`; null when the caller is anonymous (e.g. single-page mode). */
  openid: string | null
  now: () => Date
}
