import type { Database } from '../../cloudfunctions/lib/ports/database'
import type { SendApi, SubscribeMessage } from '../../cloudfunctions/lib/ports/subscribe-message'

/**
 * Local stand-in for `subscribeMessage.send`: the same parameters and error codes as WeChat's API,
 * and every accepted message recorded in the `messages` collection. Failures can be injected.
 *
 * Mirrors: 40003 invalid touser, 40037 unknown template, 41030 page not in the released version,
 * 47003 template data out of range (`thing` > 20 characters, `date` not like 2024年3月28日),
 * 43101 no grant left, 45009 over the rate, -1 system busy; no answer at all (the call was made).
 */
export interface StandInOptions {
  templateIds: string[]
  /** Pages of the released version, without leading slash or query. */
  pages: string[]
  /** Messages per second accepted before 45009; 0 = no cap. */
  rateCap?: number
  /** Injected outcome probabilities per call. */
  transientRate?: number
  noGrantRate?: number
  noAnswerRate?: number
  latencyMs?: number
  random?: () => number
  now?: () => number
  sleep?: (ms: number) => Promise<void>
}

export const MESSAGES = 'messages'

const THING = /^thing\d+$/
const DATE = /^date\d+$/
const DATE_VALUE = /^\d{4}年\d{1,2}月\d{1,2}日$/

export class SubscribeMessageStandIn implements SendApi {
  private windowStart = 0
  private inWindow = 0
  calls = 0

  constructor(
    private readonly db: Database,
    private readonly options: StandInOptions,
  ) {}

  private validate(m: SubscribeMessage): number {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(m.touser)) return 40003
    if (!this.options.templateIds.includes(m.templateId)) return 40037
    if (!this.options.pages.includes(m.page.replace(/^\//, '').split('?')[0])) return 41030
    for (const [key, { value }] of Object.entries(m.data)) {
      if (
        THING.test(key) &&
        (typeof value !== 'string' || [...value].length > 20 || value.length === 0)
      )
        return 47003
      if (DATE.test(key) && !DATE_VALUE.test(value)) return 47003
    }
    return 0
  }

  /** A fixed one-second window, as the platform's per-second quota behaves. */
  private overRate(): boolean {
    const cap = this.options.rateCap ?? 0
    if (cap <= 0) return false
    const now = (this.options.now ?? Date.now)()
    const second = Math.floor(now / 1000)
    if (second !== this.windowStart) {
      this.windowStart = second
      this.inWindow = 0
    }
    this.inWindow++
    return this.inWindow > cap
  }

  async send(message: SubscribeMessage): Promise<{ errCode: number; errMsg: string }> {
    this.calls++
    const random = this.options.random ?? Math.random
    // The answer comes after the latency; the stand-in's own bookkeeping runs meanwhile.
    const latency = this.options.latencyMs
      ? (this.options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))))(
          this.options.latencyMs,
        )
      : Promise.resolve()
    const outcome = this.decide(message, random)
    outcome.catch(() => undefined) // awaited below, after the latency
    await latency
    const { errCode, errMsg, record } = await outcome
    if (record === 'unanswered') throw new Error('openapi.subscribeMessage.send:fail timeout')
    return { errCode, errMsg }
  }

  /** What WeChat does with a call: an error code, or the message recorded (answered or not). */
  private async decide(
    message: SubscribeMessage,
    random: () => number,
  ): Promise<{ errCode: number; errMsg: string; record?: 'answered' | 'unanswered' }> {
    const invalid = this.validate(message)
    if (invalid)
      return { errCode: invalid, errMsg: `openapi.subscribeMessage.send:fail ${invalid}` }
    if (this.overRate())
      return {
        errCode: 45009,
        errMsg: 'openapi.subscribeMessage.send:fail reach max api daily quota limit',
      }
    const roll = random()
    let at = this.options.noGrantRate ?? 0
    if (roll < at)
      return {
        errCode: 43101,
        errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg',
      }
    at += this.options.transientRate ?? 0
    if (roll < at) return { errCode: -1, errMsg: 'openapi.subscribeMessage.send:fail system error' }
    at += this.options.noAnswerRate ?? 0
    const answered = roll >= at
    // `answered` is the stand-in's own bookkeeping (what WeChat would know): the caller never sees it.
    await this.db.collection(MESSAGES).add({
      data: {
        touser: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        at: new Date().toISOString(),
        answered,
      },
    })
    // Unanswered: delivered, but the answer is lost and the caller sees a timeout.
    return {
      errCode: 0,
      errMsg: 'openapi.subscribeMessage.send:ok',
      record: answered ? 'answered' : 'unanswered',
    }
  }
}
