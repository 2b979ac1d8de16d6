import { makeAutoObservable, runInAction } from 'mobx'

import type { ApiError } from '@core/api/response'
import type { SubscribePort, SubscribeResult, SubscribeSetting } from '@/services/platform'
import type { SubscriptionApi } from '@/services/subscription-api'

import { idleState, type LoadState } from './load-state'

/** How one "订阅更新提醒" tap ended. */
export type SubscribeOutcome =
  | 'accepted'
  | 'rejected'
  /** Refused for good: 总是拒绝 / "always keep" with no, or the template banned. */
  | 'blocked'
  /** Subscription messages switched off in WeChat's settings (errCode 20004). */
  | 'switched-off'
  | 'filtered'
  /** Consent given but the grant could not be recorded. */
  | 'not-recorded'
  | 'failed'
  | 'cancelled'

/** The one line shown under the button that was tapped. */
export interface SubscribeNote {
  outcome: SubscribeOutcome
  text: string
  /** The tap target that asked (a page key), so only that place shows the line. */
  from: string
  /** Offer the way to undo a standing "no". */
  canOpenSettings: boolean
}

const errCodeOf = (e: unknown): number | null => {
  if (typeof e !== 'object' || e === null) return null
  const { errCode, errMsg } = e as { errCode?: unknown; errMsg?: unknown }
  if (typeof errCode === 'number') return errCode
  const m = typeof errMsg === 'string' ? /\b(\d{5})\b/.exec(errMsg) : null
  return m ? Number(m[1]) : null
}

/** The outcome of a failed `requestSubscribeMessage` (WeChat's error codes). */
export function outcomeOfFailure(e: unknown): SubscribeOutcome {
  const code = errCodeOf(e)
  if (code === 20004) return 'switched-off'
  const msg =
    typeof (e as { errMsg?: unknown })?.errMsg === 'string' ? (e as { errMsg: string }).errMsg : ''
  if (/cancel/i.test(msg)) return 'cancelled'
  return 'failed'
}

/** The outcome of an answer for our template, refined by the reader's standing setting. */
export function outcomeOfAnswer(
  answer: string | undefined,
  setting: SubscribeSetting,
): SubscribeOutcome {
  if (answer === 'accept') return 'accepted'
  if (setting === 'off') return 'switched-off'
  if (answer === 'ban' || setting === 'reject' || setting === 'ban') return 'blocked'
  if (answer === 'reject') return 'rejected'
  if (answer === 'filter') return 'filtered'
  return 'failed'
}

/** One friendly line per outcome. */
export function noteText(
  outcome: SubscribeOutcome,
  remaining: number | null,
  error?: ApiError,
): string {
  switch (outcome) {
    case 'accepted':
      return remaining && remaining > 1
        ? `已开启提醒：接下来 ${remaining} 期发布时都会通知你`
        : '已开启提醒：新一期发布时会通知你'
    case 'rejected':
      return '你选择了暂不提醒，想收到通知时再点一次即可'
    case 'blocked':
      return '你已选择总是拒绝这类提醒，可在设置中重新打开'
    case 'switched-off':
      return '订阅消息在微信设置中已关闭，打开“接收订阅消息”后再试'
    case 'filtered':
      return '提醒暂时无法开启，请稍后再试'
    case 'not-recorded':
      return error?.code === 'unavailable'
        ? '网络不可用，提醒没有记下，请稍后再点一次'
        : '提醒没有记下，请稍后再点一次'
    case 'cancelled':
      return '已取消'
    default:
      return '暂时无法开启提醒，请稍后再试'
  }
}

/**
 * New-issue notifications. WeChat grants are one-time: one tap with "允许" is one message, and
 * grants add up, so `remaining` is how many upcoming issues the reader will be told about.
 */
export class SubscriptionStore {
  /** Grants left (upcoming issues to be notified of); null until known. */
  remaining: number | null = null
  statusState: LoadState = idleState()
  /** The consent dialog is up or its answer is being recorded. */
  asking = false
  /** The tap target that is asking (its page shows the h5 dialog). */
  askingFrom: string | null = null
  cancelling = false
  note: SubscribeNote | null = null

  private current: Promise<void> | null = null
  private statusInFlight: Promise<void> | null = null

  constructor(
    private readonly api: SubscriptionApi,
    private readonly port: SubscribePort,
    readonly templateId: string,
  ) {
    makeAutoObservable<this, 'api' | 'port' | 'current' | 'statusInFlight'>(this, {
      api: false,
      port: false,
      current: false,
      statusInFlight: false,
    })
  }

  /**
   * The reader refused this kind of message for good (总是拒绝) or switched them off in WeChat:
   * WeChat then sends nothing, whatever grants were collected before.
   */
  get refused(): boolean {
    return this.note?.outcome === 'blocked' || this.note?.outcome === 'switched-off'
  }

  /** `接下来 3 期发布时会通知你`, or what to do when nothing is pending. */
  get summary(): string {
    if (this.remaining === null) return ''
    if (this.refused) return '你已拒绝这类提醒，新一期发布时不会通知你'
    return this.remaining > 0
      ? `接下来 ${this.remaining} 期发布时会通知你`
      : '目前不会收到新一期的通知'
  }

  /** The line for one tap target, if it was the last to ask. */
  noteFor(from: string): SubscribeNote | null {
    return this.note?.from === from ? this.note : null
  }

  /**
   * Asks for one notification of the next issue. Call it straight from a tap handler: the consent
   * request is made synchronously (WeChat's rule), then the answer is recorded with the server.
   */
  subscribe(from = ''): Promise<void> {
    if (this.current) return this.current
    let asked: Promise<SubscribeResult>
    try {
      asked = this.port.request([this.templateId])
    } catch (e) {
      asked = Promise.reject(e)
    }
    this.asking = true
    this.askingFrom = from
    this.note = null
    const p = this.record(asked, from).finally(() =>
      runInAction(() => {
        this.asking = false
        this.askingFrom = null
        this.current = null
      }),
    )
    this.current = p
    return p
  }

  private async record(asked: Promise<SubscribeResult>, from: string): Promise<void> {
    let result: SubscribeResult
    try {
      result = await asked
    } catch (e) {
      const outcome = outcomeOfFailure(e)
      runInAction(() => this.setNote(outcome, from))
      return
    }
    const answer = result[this.templateId]
    // Every answer goes to the server, which counts a grant for `accept` only.
    const [res, setting] = await Promise.all([
      this.api.grant(this.templateId, result),
      answer === 'accept' ? Promise.resolve(null) : this.port.setting(this.templateId),
    ])
    runInAction(() => {
      let outcome = outcomeOfAnswer(answer, setting)
      if (res.ok) {
        this.remaining = res.data.remaining
        this.statusState = { status: 'ready', error: null, offline: false }
      } else if (outcome === 'accepted') {
        outcome = 'not-recorded'
      }
      this.setNote(outcome, from, res.ok ? undefined : res.error)
    })
  }

  private setNote(outcome: SubscribeOutcome, from: string, error?: ApiError): void {
    this.note = {
      outcome,
      from,
      text: noteText(outcome, this.remaining, error),
      canOpenSettings: outcome === 'blocked' || outcome === 'switched-off',
    }
  }

  /** Loads how many upcoming issues the reader will be notified of. */
  loadStatus(): Promise<void> {
    if (this.statusInFlight) return this.statusInFlight
    if (this.remaining === null)
      this.statusState = { status: 'loading', error: null, offline: false }
    const p = this.api
      .status()
      .then((res) =>
        runInAction(() => {
          if (res.ok) {
            this.remaining = res.data.remaining
            this.statusState = { status: 'ready', error: null, offline: false }
          } else {
            this.statusState = {
              status: 'error',
              error: res.error,
              offline: res.error.code === 'unavailable',
            }
          }
        }),
      )
      .finally(() => {
        this.statusInFlight = null
      })
    this.statusInFlight = p
    return p
  }

  /** Stops every pending notification (the server sets the grants to zero). */
  async cancel(from = 'me'): Promise<void> {
    if (this.cancelling) return
    this.cancelling = true
    const res = await this.api.cancel()
    runInAction(() => {
      this.cancelling = false
      if (res.ok) {
        this.remaining = res.data.remaining
        this.note = {
          outcome: 'rejected',
          from,
          text: '已停止提醒，之后不会再收到新一期的通知',
          canOpenSettings: false,
        }
      } else {
        this.note = {
          outcome: 'failed',
          from,
          text:
            res.error.code === 'unavailable'
              ? '网络不可用，请稍后再试'
              : '没能停止提醒，请稍后再试',
          canOpenSettings: false,
        }
      }
    })
  }

  /** Opens the place where a standing "no" is undone, then forgets the line about it. */
  async openSettings(): Promise<void> {
    await this.port.openSettings()
    runInAction(() => {
      if (this.note?.canOpenSettings) this.note = null
    })
  }
}
