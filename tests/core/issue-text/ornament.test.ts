import { readFileSync } from 'fs'
import path from 'path'
import fc from 'fast-check'
import { parseIssueText } from '@core/index'
import { ornamentText } from '@core/issue-text/patterns'

/**
 * The ornament pattern as first written: the same lines, but it backtracks cubically on a long
 * run of dashes or spaces that does not end as an ornament. The reference, on short lines only.
 */
const BACKTRACKING_REFERENCE = /^[—─-]{2,}\s*(.+?)\s*[—─-]{2,}$/

const DEMO = path.resolve(__dirname, '../../../demo/issues/277.txt')

describe('ornamentText', () => {
  it('reads the text between the dashes of an ornament line', () => {
    expect(ornamentText('—— 地方工作亮点追踪 ——')).toBe('地方工作亮点追踪')
    expect(ornamentText('──决策参考──')).toBe('决策参考')
    expect(ornamentText('-- a - b --')).toBe('a - b')
    expect(ornamentText('-----')).toBe('-')
    expect(ornamentText('----')).toBeNull()
    expect(ornamentText('— 3 —')).toBeNull()
    expect(ornamentText('—— 地方工作亮点追踪')).toBeNull()
  })

  it('answers at once on long runs of dashes or spaces that end as no ornament', () => {
    // Hours with the first pattern: every split of the run between its quantifiers was tried.
    expect(ornamentText(`${'-'.repeat(100_000)}x`)).toBeNull()
    expect(ornamentText(`——${' '.repeat(100_000)}x`)).toBeNull()
    expect(ornamentText(`--x${'—'.repeat(100_000)}x`)).toBeNull()
    expect(ornamentText(`--${' '.repeat(100_000)}x${' '.repeat(100_000)}--`)).toBe('x')
  })

  it('lets an issue with such a line be parsed', () => {
    const text = readFileSync(DEMO, 'utf8')
    const plain = parseIssueText(text)
    const marked = parseIssueText(
      text.replace('（大众日报 20240219）\n', `（大众日报 20240219）\n\n${'—'.repeat(20_000)}。\n`),
    )
    expect(plain.ok && marked.ok).toBe(true)
    if (!plain.ok || !marked.ok) return
    expect(marked.data.articles.map((a) => a.title)).toEqual(
      plain.data.articles.map((a) => a.title),
    )
  })

  it('reads what the first pattern read, on any short line', () => {
    const piece = fc.constantFrom(...'-—─ \t\u3000x\r\n\u2028【', '--', '——', ' 地方 ')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (pieces) => {
        const line = pieces.join('')
        expect(ornamentText(line)).toBe(BACKTRACKING_REFERENCE.exec(line)?.[1] ?? null)
      }),
      { numRuns: 5000 },
    )
  })
})
