/**
 * The tab bar in both themes: labels and icons at least 3:1 against the bar (WCAG non-text
 * contrast), the active tab distinct from the others, and on weapp every colour and icon taken
 * from theme.json so WeChat switches them with the system theme.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { PNG } from 'pngjs'

import theme from '@/theme.json'
import { tabBarLook } from '@/services/chrome'

import { contrast, hex } from '../support/contrast'

const SRC = path.resolve(__dirname, '../../../src')

/** The colour and the count of the fully inked pixels of a tab icon. */
function ink(file: string): { colour: string; pixels: number } {
  const png = PNG.sync.read(readFileSync(path.join(SRC, file)))
  let pixels = 0
  let colour = ''
  for (let i = 0; i < png.data.length; i += 4)
    if (png.data[i + 3] === 255) {
      pixels++
      colour = hex(png.data[i], png.data[i + 1], png.data[i + 2])
    }
  return { colour, pixels }
}

describe.each(['light', 'dark'] as const)('the %s tab bar', (mode) => {
  const look = tabBarLook(mode === 'dark')
  const bar = look.style.backgroundColor

  it('has labels at 3:1 or more against the bar, and the active one in another colour', () => {
    expect(contrast(look.style.color, bar)).toBeGreaterThanOrEqual(3)
    expect(contrast(look.style.selectedColor, bar)).toBeGreaterThanOrEqual(3)
    expect(look.style.selectedColor).not.toBe(look.style.color)
  })

  it('has icons at 3:1 or more against the bar; the active icon is drawn heavier', () => {
    for (const icon of look.icons) {
      const normal = ink(icon.iconPath)
      const active = ink(icon.selectedIconPath)
      expect(normal.colour).toBe(look.style.color)
      expect(active.colour).toBe(look.style.selectedColor)
      expect(contrast(normal.colour, bar)).toBeGreaterThanOrEqual(3)
      expect(contrast(active.colour, bar)).toBeGreaterThanOrEqual(3)
      expect(active.pixels).toBeGreaterThan(normal.pixels * 1.2)
    }
  })
})

describe('the weapp tab bar', () => {
  const load = () => {
    const was = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      let config: Record<string, unknown> = {}
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        config = (require('@/app.config') as { default: Record<string, unknown> }).default
      })
      return config as {
        darkmode: boolean
        themeLocation: string
        tabBar: Record<string, unknown> & { list: Record<string, string>[] }
        window: Record<string, string>
      }
    } finally {
      process.env.TARO_ENV = was
    }
  }

  it('takes every colour and icon from theme.json variables, defined in both themes', () => {
    const config = load()
    expect(config.darkmode).toBe(true)
    expect(config.themeLocation).toBe('theme.json')
    const values = [
      config.tabBar.color,
      config.tabBar.selectedColor,
      config.tabBar.backgroundColor,
      config.tabBar.borderStyle,
      ...config.tabBar.list.flatMap((t) => [t.iconPath, t.selectedIconPath]),
      config.window.backgroundColor,
    ] as string[]
    for (const v of values) {
      expect(v).toMatch(/^@\w+$/)
      const key = v.slice(1) as keyof typeof theme.light
      expect(theme.light[key]).toBeDefined()
      expect(theme.dark[key]).toBeDefined()
    }
  })
})
