import type { z } from 'zod'

import type { ContentInput, ContentResults } from '@core/api/content'
import type { JobView, NotifyInput } from '@core/api/notify'
import type { PublishInput, PublishResults } from '@core/api/publish'
import type { QrcodeResult, qrcodeInput } from '@core/api/qrcode'
import { CLIENT_HEADER, type ApiResponse, type ErrorCode } from '@core/api/response'
import type { SubscriptionInput, SubscriptionResults } from '@core/api/subscription'

/** Every cloud function the front end calls: its input union and the result of each action. */
export interface FunctionContracts {
  content: { input: ContentInput; results: ContentResults }
  subscription: { input: SubscriptionInput; results: SubscriptionResults }
  publish: { input: PublishInput; results: PublishResults }
  notify: {
    input: NotifyInput
    results: { 'notify.run': unknown; 'jobs.list': { items: JobView[] }; 'jobs.resume': JobView }
  }
  qrcode: {
    input: z.input<typeof qrcodeInput>
    results: { 'qrcode.issue': QrcodeResult; 'qrcode.article': QrcodeResult }
  }
}

export type FunctionName = keyof FunctionContracts
export type ActionOf<F extends FunctionName> = FunctionContracts[F]['input']['action'] &
  keyof FunctionContracts[F]['results']
export type InputOf<F extends FunctionName, A extends ActionOf<F>> = Extract<
  FunctionContracts[F]['input'],
  { action: A }
>
export type ResultOf<
  F extends FunctionName,
  A extends ActionOf<F>,
> = FunctionContracts[F]['results'][A]

/** Input of one `content` action, without its `action` tag. */
export type ActionInput<A extends ActionOf<'content'>> = Omit<InputOf<'content', A>, 'action'>

/** The single port between the app and its backend: one function call, one envelope back. */
export interface Transport {
  call<F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    input: InputOf<F, A>,
  ): Promise<ApiResponse<ResultOf<F, A>>>
}

/** Calls a function and never throws: a transport that throws becomes an `internal` envelope. */
export async function safeCall<F extends FunctionName, A extends ActionOf<F>>(
  transport: Transport,
  fn: F,
  input: InputOf<F, A>,
): Promise<ApiResponse<ResultOf<F, A>>> {
  try {
    return await transport.call<F, A>(fn, input)
  } catch (e) {
    return {
      ok: false,
      error: { code: 'internal', message: e instanceof Error ? e.message : String(e) },
    }
  }
}

const REQUEST_TIMEOUT_MS = 10_000

const failure = (code: ErrorCode, message: string) => ({
  ok: false as const,
  error: { code, message },
})

/** True when a value has the envelope's shape; anything else is a broken backend. */
export function isEnvelope(value: unknown): value is ApiResponse<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } }
  if (v.ok === true) return 'data' in v
  return v.ok === false && typeof v.error?.code === 'string' && typeof v.error.message === 'string'
}

/**
 * h5: POSTs JSON to `/api/<fn>` on the page's origin. The server answers the envelope whatever the
 * status; a network failure, a timeout or a gateway error becomes `unavailable` (callers fall back to cache).
 * `openid` names the caller to the local server (`x-wx-openid`, standing for the WeChat context).
 */
export function createHttpTransport(
  fetchImpl: typeof fetch = (...a) => fetch(...a),
  base = '',
  openid?: () => string | null,
): Transport {
  return {
    async call(fn, input) {
      const abort = typeof AbortController === 'function' ? new AbortController() : null
      const timer = setTimeout(() => abort?.abort(), REQUEST_TIMEOUT_MS)
      let response: Response
      try {
        const caller = openid?.()
        response = await fetchImpl(`${base}/api/${fn}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [CLIENT_HEADER]: 'h5',
            ...(caller ? { 'x-wx-openid': caller } : {}),
          },
          body: JSON.stringify(input),
          signal: abort?.signal,
        })
      } catch {
        return failure('unavailable', '网络不可用')
      } finally {
        clearTimeout(timer)
      }
      let body: unknown
      try {
        body = await response.json()
      } catch {
        body = undefined
      }
      if (isEnvelope(body)) return body as never
      if (response.status === 0 || response.status >= 502)
        return failure('unavailable', `服务暂不可用（${response.status}）`)
      return failure('internal', `服务返回了无法识别的应答（${response.status}）`)
    },
  }
}

/** The subset of `wx.cloud` the weapp transport needs (injected so tests can fake it). */
export interface CloudLike {
  callFunction(options: { name: string; data: unknown }): Promise<{ result?: unknown }>
}

/** wx.cloud errors that mean "the function ran and failed" rather than "could not reach it". */
const FUNCTION_FAILED = new Set([-504002, -504003])

/**
 * weapp: `wx.cloud.callFunction`; the function's return value (the envelope) arrives as `result`.
 * A rejected call is `unavailable` unless the function itself crashed (`internal`).
 */
export function createCloudTransport(cloud: CloudLike): Transport {
  return {
    async call(fn, input) {
      try {
        const { result } = await cloud.callFunction({ name: fn, data: input })
        if (isEnvelope(result)) return result as never
        return failure('internal', '云函数返回了无法识别的应答')
      } catch (e) {
        const code = (e as { errCode?: number }).errCode
        if (typeof code === 'number' && FUNCTION_FAILED.has(code))
          return failure('internal', '云函数执行失败')
        return failure('unavailable', '网络不可用')
      }
    },
  }
}
