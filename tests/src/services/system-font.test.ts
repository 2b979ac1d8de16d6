import { readSystemFontSize } from '@/services/system-font'

describe('readSystemFontSize on h5', () => {
  afterEach(() => jest.restoreAllMocks())

  /** The browser's `medium` font size, as getComputedStyle reports it for the probe. */
  const medium = (px: string) =>
    jest
      .spyOn(window, 'getComputedStyle')
      .mockImplementation(() => ({ fontSize: px }) as CSSStyleDeclaration)

  it('reads the browser’s default font size as a body size: 16 px → 17, 20 px → 21', () => {
    medium('16px')
    expect(readSystemFontSize()).toBe(17)
    jest.restoreAllMocks()
    medium('20px')
    expect(readSystemFontSize()).toBe(21)
  })

  it('is null when the browser reports nothing usable, and leaves no probe behind', () => {
    medium('')
    expect(readSystemFontSize()).toBeNull()
    expect(document.body.children).toHaveLength(0)
  })
})
