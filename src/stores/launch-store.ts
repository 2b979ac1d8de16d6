import { makeAutoObservable } from 'mobx'

/**
 * What the launch router leaves for the 最新 tab: a one-line notice when a link could not be
 * followed, and whether the app's own launch query has been routed yet.
 */
export class LaunchStore {
  notice: string | null = null
  launchRouted = false

  constructor() {
    makeAutoObservable(this)
  }

  setNotice(text: string): void {
    this.notice = text
  }

  clearNotice(): void {
    this.notice = null
  }

  /** Marks the launch query as handled; true the first time only. */
  takeLaunch(): boolean {
    if (this.launchRouted) return false
    this.launchRouted = true
    return true
  }
}
