import { performance } from 'perf_hooks'
import { renderIssueText } from '@core/issue-text/render'
import { generateIssueTexts } from '../corpus/generate'
import { parseOrThrow, readFixtureIssue } from './fixture-issue'
import { median, ms } from './machine'

/** Bytes of a real issue's text export (ten articles, about 30 KB): the size the target is set for. */
const REAL_ISSUE_BYTES = 30_000

/** The fixture with each article's text repeated until the issue is a real issue's size. */
function sampleSizedIssue(fixture: string): string {
  const { issue, articles } = parseOrThrow(fixture)
  for (let rounds = 1; ; rounds++) {
    const longer = articles.map((a) => ({
      ...a,
      blocks: Array.from({ length: rounds }, () => a.blocks).flat(),
    }))
    const text = renderIssueText(issue, longer)
    if (Buffer.byteLength(text) >= REAL_ISSUE_BYTES) return text
  }
}

/** Median of `rounds` timings of `run`, after a warm-up. */
function timeMedian(rounds: number, run: () => void): number {
  for (let i = 0; i < 30; i++) run()
  const times: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t = performance.now()
    run()
    times.push(performance.now() - t)
  }
  return median(times)
}

/**
 * Median parse time of the fixture issue and of a real-issue-sized one, throughput over a
 * generated 50-issue batch, and as the baseline the floor of any parser: splitting the same text
 * into trimmed lines.
 */
export function benchParse(): Record<string, number> {
  const fixture = readFixtureIssue()
  const sized = sampleSizedIssue(fixture)
  const fixtureMedian = timeMedian(300, () => parseOrThrow(fixture))
  const sizedMedian = timeMedian(300, () => parseOrThrow(sized))
  const floor = timeMedian(300, () => sized.split(/\r\n|\r|\n/).map((l) => l.trim()))
  const batch = generateIssueTexts([parseOrThrow(fixture)], 50)
  const batchMedian = timeMedian(12, () => batch.forEach((text) => parseOrThrow(text)))
  const throughput = (batch.length / batchMedian) * 1000
  const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KB`
  console.log(`parse: fixture issue median ${ms(fixtureMedian)}, ${kb(fixture)}`)
  console.log(
    `parse: real-issue-sized issue median ${ms(sizedMedian)} (target ≤ 2 ms: ${sizedMedian <= 2 ? 'met' : 'MISSED'}), ${kb(sized)}; baseline, splitting it into lines: ${ms(floor)} → ${(sizedMedian / floor).toFixed(1)}× the floor`,
  )
  console.log(`parse: 50-issue batch median ${ms(batchMedian)} → ${throughput.toFixed(0)} issues/s`)
  return {
    fixtureMedianMs: fixtureMedian,
    sampleSizedMedianMs: sizedMedian,
    floorMs: floor,
    batchMedianMs: batchMedian,
    issuesPerSecond: throughput,
  }
}
