/**
 * Taro's page hooks for rendering real pages in jsdom: the router's params are set by the test,
 * share handlers are captured so their outputs can be checked, lifecycle hooks do nothing.
 */
type ShareHandler = () => unknown

export const pageState: {
  params: Record<string, string | undefined>
  shareAppMessage: ShareHandler | null
  shareTimeline: ShareHandler | null
} = { params: {}, shareAppMessage: null, shareTimeline: null }

/** Opens the next rendered page with this query (as WeChat or the h5 router would pass it). */
export function setRouterParams(params: Record<string, string | undefined>): void {
  pageState.params = params
  pageState.shareAppMessage = null
  pageState.shareTimeline = null
}

const noop = (): void => {}

export const pageHooks = {
  useRouter: () => ({ params: pageState.params, path: '' }),
  useShareAppMessage: (fn: ShareHandler) => {
    pageState.shareAppMessage = fn
  },
  useShareTimeline: (fn: ShareHandler) => {
    pageState.shareTimeline = fn
  },
  useDidShow: noop,
  useDidHide: noop,
  useUnload: noop,
  usePageScroll: noop,
  usePullDownRefresh: noop,
  useReachBottom: noop,
  useLoad: noop,
  useReady: noop,
}
