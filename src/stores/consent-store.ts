import { makeAutoObservable } from 'mobx'

import type { SubscribePort, SubscribeResult, SubscribeSetting } from '@/services/platform'
import type { KeyValueStorage } from '@/services/storage'

/** The three answers of WeChat's consent dialog; `ban` stands for 总是拒绝. */
export type ConsentAnswer = 'accept' | 'reject' | 'ban'

const ALWAYS_KEY = 'consent.always'

/**
 * h5's stand-in for WeChat's subscription consent dialog: `request` shows the dialog (rendered by
 * the page from `pending`) and resolves with the same shape as `requestSubscribeMessage`. A 总是拒绝
 * is remembered, so later requests answer `ban` at once, as WeChat does after "always";
 * `openSettings` forgets it.
 */
export class ConsentStore implements SubscribePort {
  /** The request the dialog is showing; null when it is closed. */
  pending: { templateIds: string[] } | null = null
  /** Templates the reader always refuses. */
  always = new Map<string, 'ban'>()

  private resolve: ((result: SubscribeResult) => void) | null = null

  constructor(private readonly storage: KeyValueStorage) {
    const saved = storage.get<Record<string, unknown>>(ALWAYS_KEY)
    if (saved && typeof saved === 'object')
      for (const [id, v] of Object.entries(saved)) if (v === 'ban') this.always.set(id, 'ban')
    makeAutoObservable<this, 'resolve' | 'storage'>(this, { resolve: false, storage: false })
  }

  request(templateIds: string[]): Promise<SubscribeResult> {
    if (templateIds.length > 0 && templateIds.every((id) => this.always.has(id)))
      return Promise.resolve(resultOf(templateIds, 'ban'))
    if (this.pending)
      return Promise.reject({ errCode: 10003, errMsg: 'requestSubscribeMessage:fail busy' })
    this.pending = { templateIds }
    return new Promise((resolve) => {
      this.resolve = resolve
    })
  }

  /** The reader's tap in the dialog. */
  answer(answer: ConsentAnswer): void {
    const pending = this.pending
    if (!pending) return
    if (answer === 'ban') {
      for (const id of pending.templateIds) this.always.set(id, 'ban')
      this.storage.set(ALWAYS_KEY, Object.fromEntries(this.always))
    }
    const resolve = this.resolve
    this.pending = null
    this.resolve = null
    resolve?.(resultOf(pending.templateIds, answer))
  }

  async setting(templateId: string): Promise<SubscribeSetting> {
    return this.always.has(templateId) ? 'ban' : null
  }

  async openSettings(): Promise<void> {
    this.always.clear()
    this.storage.set(ALWAYS_KEY, {})
  }
}

const resultOf = (templateIds: string[], answer: string): SubscribeResult => ({
  ...Object.fromEntries(templateIds.map((id) => [id, answer])),
  errMsg: 'requestSubscribeMessage:ok',
})
