/**
 * One very long line in an uploaded issue: the parser reads it in time linear in its length. Every
 * shape below took minutes or hours when a pattern tried each split of a long run of spaces, dots
 * or closers between two quantifiers; the server parses uploads on its one thread.
 */
import { readFileSync } from 'fs'
import path from 'path'
import fc from 'fast-check'
import { LABEL_LINE, REGION_TAG, TOC_LINE } from '@core/issue-text/patterns'
import { endsStatement } from '@core/issue-text/punctuation'
import { DEMO_DIR } from '../../fixtures/demo-issues'
import { parseOrThrow } from '../../fixtures/sample-issue'

const DEMO = readFileSync(path.join(DEMO_DIR, '277.txt'), 'utf8')
const N = 1_000_000
const spaces = ' '.repeat(N)
const tabs = '\t'.repeat(N)

const titles = (text: string): string[] => parseOrThrow(text).articles.map((a) => a.title)
const plainTitles = titles(DEMO)

describe('an issue with one very long line', () => {
  it.each([
    ['spaces inside a line', `x${spaces}x`],
    ['a run of closing quotes', `${'”'.repeat(N)}x。”`],
    ['a page number form with a wide gap', `第 3 页${spaces},`],
    ['the other page number form', `共 9 页${spaces}第`],
    ['a page number mark in running text', `第 3 页${spaces}x`],
    ['a region tag, spaces and U+2028', `【上海】${tabs}x\u2028`],
    ['a masthead label, spaces and U+2029', `统筹：${tabs}x\u2029`],
    ['a contents line ending in four digits', `- 【上海】 标题${spaces}1234`],
    ['leader dots without a page number', `标题${'.'.repeat(N)}x0`],
    [
      'an unclosed source note with wide gaps',
      `正文。（上海证券报${spaces}2024${spaces}3${spaces}26${spaces}`,
    ],
    ['dashes that end as no ornament', `${'-'.repeat(N)}x`],
  ])('is parsed: %s', (_shape, line) => {
    // Among the cover's lines (read as contents and masthead) and among an article's paragraphs.
    for (const after of ['2 月 22 日印发\n', '（大众日报 20240219）\n'])
      expect(titles(DEMO.replace(after, `${after}\n${line}\n`))).toEqual(plainTitles)
  })
})

/**
 * The patterns as first written, the reference for what the rewritten ones match (they backtrack
 * quadratically, so on short lines only).
 */
const REFERENCE: [RegExp, RegExp][] = [
  [REGION_TAG, /^【([^【】\s]{1,12})】\s*(.*)$/],
  [TOC_LINE, /^[-·•]\s*【([^【】\s]{1,12})】\s*(.*)$/],
  [LABEL_LINE, /^(主办|编辑|统筹|电话|传真)(?:\s*[：:]\s*|\s+|$)(.*)$/],
]

describe('the rewritten line shapes', () => {
  it('match the lines the first patterns matched, with the same parts', () => {
    const piece = fc.constantFrom(...'【】 \t\u3000\u2028\u2029x上-·•：:', '主办', '编辑', '上海')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const line = pieces.join('')
        for (const [pattern, reference] of REFERENCE)
          expect(pattern.exec(line)?.slice()).toEqual(reference.exec(line)?.slice())
      }),
      { numRuns: 3000 },
    )
  })

  it('end a statement as before, looking through any closers', () => {
    const piece = fc.constantFrom(...'。？！?!.”’」』）)》〉】"\'x*', '**')
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('')
        const s = text.replace(/\*\*/g, '').replace(/[”’」』）)》〉】"']+$/, '')
        const reference = /[。！？；：…!?;:.]$/.test(s) && !/[？！?!]$/.test(s)
        expect(endsStatement(text)).toBe(reference)
      }),
      { numRuns: 3000 },
    )
  })
})
