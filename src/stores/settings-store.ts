import { makeAutoObservable, reaction, type IReactionDisposer } from 'mobx'

import type { KeyValueStorage } from '@/services/storage'

/** Body text sizes in px (CSS px at 375 wide); the default is 17; 26 for 关怀模式's large sizes. */
export const FONT_SIZES = [15, 17, 19, 22, 26] as const
export const DEFAULT_FONT_STEP = 1
export type Theme = 'system' | 'light' | 'dark'
export const THEMES: Theme[] = ['system', 'light', 'dark']
const KEY = 'settings'

interface SavedSettings {
  fontStep?: unknown
  theme?: unknown
}

/** The step nearest to a body size in px (the system's text size setting). */
export function stepForSize(px: number): number {
  let best = 0
  FONT_SIZES.forEach((size, i) => {
    if (Math.abs(size - px) < Math.abs(FONT_SIZES[best] - px)) best = i
  })
  return best
}

/**
 * Reading preferences, remembered on the device: body font size and colour theme. The size follows
 * the system's text size setting until the reader picks one (A−/A+ or 我的).
 */
export class SettingsStore {
  /** The step the reader picked; null follows the system. */
  chosenStep: number | null = null
  theme: Theme = 'system'
  /** Whether the system is in dark mode; updated by the app shell. */
  systemDark = false
  /** The system's text size as a body size in px (WeChat's setting, the browser's). */
  systemFontSize: number | null = null

  private readonly disposers: IReactionDisposer[] = []

  constructor(storage: KeyValueStorage) {
    const saved = storage.get<SavedSettings>(KEY)
    if (saved && typeof saved.fontStep === 'number' && saved.fontStep in FONT_SIZES)
      this.chosenStep = saved.fontStep
    if (saved && THEMES.includes(saved.theme as Theme)) this.theme = saved.theme as Theme
    makeAutoObservable<this, 'disposers'>(this, { disposers: false })
    this.disposers.push(
      reaction(
        () => ({ fontStep: this.chosenStep ?? undefined, theme: this.theme }),
        (s) => storage.set(KEY, s),
      ),
    )
  }

  /** The step in effect: the reader's, else the system's, else 17 px. */
  get fontStep(): number {
    if (this.chosenStep !== null) return this.chosenStep
    return this.systemFontSize ? stepForSize(this.systemFontSize) : DEFAULT_FONT_STEP
  }

  /** Whether the size comes from the system setting (nothing picked here). */
  get followsSystem(): boolean {
    return this.chosenStep === null
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
    if (step in FONT_SIZES) this.chosenStep = step
  }

  /** Goes back to the system's text size. */
  followSystemFont(): void {
    this.chosenStep = null
  }

  setSystemFontSize(px: number | null): void {
    this.systemFontSize = px && px > 0 ? px : null
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
