import fc from 'fast-check'

import { fileTooLarge, MAX_ISSUE_FILE_BYTES, utf8Bytes } from '@core/limits'

describe('utf8Bytes', () => {
  it('counts as Node does, for any text including astral characters and lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Bytes(text)).toBe(Buffer.byteLength(text, 'utf8'))
      }),
      { numRuns: 2000 },
    )
    expect(utf8Bytes('双周决策观察 2024')).toBe(23)
    for (const odd of [
      '\ud800a',
      'a\udc00',
      '\ud800',
      '\ud83d\ude00',
      '\udc00\ud800',
      '\ud800\ud800x',
    ])
      expect(utf8Bytes(odd)).toBe(Buffer.byteLength(odd, 'utf8'))
  })
})

describe('fileTooLarge', () => {
  it('never shows a file over the limit as the limit itself', () => {
    expect(fileTooLarge(MAX_ISSUE_FILE_BYTES + 1)).toBe('文件大小 5.1 MB，超过 5 MB 的上限')
    expect(fileTooLarge(6 * 1024 * 1024)).toBe('文件大小 6.0 MB，超过 5 MB 的上限')
  })
})
