import { act, type ReactElement } from 'react'
import { createRoot } from 'react-dom/client'

/** Renders into a fresh container in jsdom; the real Taro h5 components render as their custom elements. */
export function render(ui: ReactElement): { container: HTMLElement; unmount: () => void } {
  const container = document.createElement('div')
  document.body.appendChild(container)
  const root = createRoot(container)
  act(() => root.render(ui))
  return {
    container,
    unmount: () => {
      act(() => root.unmount())
      container.remove()
    },
  }
}

/** Clicks an element the way a tap reaches a Taro component on h5. */
export function tap(el: Element | null): void {
  if (!el) throw new Error('nothing to tap')
  act(() => {
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }))
  })
}

/** The element whose own text is exactly `text`. */
export function byText(container: HTMLElement, text: string): HTMLElement | null {
  const all = container.querySelectorAll<HTMLElement>('*')
  for (const el of all)
    if ([...el.childNodes].some((n) => n.nodeType === 3 && n.textContent === text)) return el
  return null
}
