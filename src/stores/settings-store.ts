import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'

import type { KeyValueStorage } from '@/services/storage'

/** Body text sizes in px (CSS px at 375 wide); the default is 17. */
export const FONT_SIZES = [15, 17, 19, 22] as const
export const DEFAULT_FONT_STEP = 1
export type Theme = 'system' | 'light' | 'dark'
export const THEMES: Theme[] = ['system', 'light', 'dark']
const KEY = 'settings'

interface SavedSettings {
  fontStep?: unknown
  theme?: unknown
}

/** Reading preferences, remembered on the device: body font size and colour theme. */
export class SettingsStore {
  fontStep: number = DEFAULT_FONT_STEP
  theme: Theme = 'system'
  /** Whether the system is in dark mode; updated by the app shell. */
  systemDark = false

  private readonly disposers: IReactionDisposer[] = []

  constructor(storage: KeyValueStorage) {
    const saved = storage.get<SavedSettings>(KEY)
    if (saved && typeof saved.fontStep === 'number' && saved.fontStep in FONT_SIZES)
      this.fontStep = saved.fontStep
    if (saved && THEMES.includes(saved.theme as Theme)) this.theme = saved.theme as Theme
    makeAutoObservable<this, 'disposers'>(this, { disposers: false })
    this.disposers.push(
      reaction(
        () => ({ fontStep: this.fontStep, theme: this.theme }),
        (s) => storage.set(KEY, s),
      ),
    )
  }

  get fontSize(): number {
    return FONT_SIZES[this.fontStep]
  }

  /** Dark colours in effect: the chosen theme, or the system's when following it. */
  get isDark(): boolean {
    return this.theme === 'dark' || (this.theme === 'system' && this.systemDark)
  }

  /** Class names that pages put on their root so every component picks up theme and size. */
  get pageClass(): string {
    return `theme-${this.isDark ? 'dark' : 'light'} font-step-${this.fontStep}`
  }

  setFontStep(step: number): void {
    if (step in FONT_SIZES) this.fontStep = step
  }

  increaseFont(): void {
    this.setFontStep(Math.min(this.fontStep + 1, FONT_SIZES.length - 1))
  }

  decreaseFont(): void {
    this.setFontStep(Math.max(this.fontStep - 1, 0))
  }

  setTheme(theme: Theme): void {
    this.theme = theme
  }

  setSystemDark(dark: boolean): void {
    this.systemDark = dark
  }

  dispose(): void {
    for (const d of this.disposers) d()
  }
}
