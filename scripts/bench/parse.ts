import { readFileSync } from 'fs'
import path from 'path'
import { performance } from 'perf_hooks'
import { parseIssueText, type ParsedIssue } from '@core/index'
import { generateIssueTexts } from '../corpus/generate'
import { median, ms } from './machine'

const SAMPLE = path.resolve(__dirname, '../../../shared/seeds/000_50df36279a5e3298.txt')

const parseOrThrow = (text: string): ParsedIssue => {
  const r = parseIssueText(text)
  if (!r.ok) throw new Error(r.error.message)
  return r.data
}

/** Median parse time of the sample issue and throughput over a generated 50-issue batch. */
export function benchParse(): Record<string, number> {
  const sample = readFileSync(SAMPLE, 'utf8')
  for (let i = 0; i < 50; i++) parseOrThrow(sample)
  const times: number[] = []
  for (let i = 0; i < 300; i++) {
    const t = performance.now()
    parseOrThrow(sample)
    times.push(performance.now() - t)
  }
  const batch = generateIssueTexts([parseOrThrow(sample)], 50)
  const batchTimes: number[] = []
  for (let round = 0; round < 12; round++) {
    const t = performance.now()
    for (const text of batch) parseOrThrow(text)
    batchTimes.push(performance.now() - t)
  }
  const sampleMedian = median(times)
  const batchMedian = median(batchTimes)
  const throughput = (batch.length / batchMedian) * 1000
  console.log(
    `parse: sample issue median ${ms(sampleMedian)} (target ≤ 20 ms: ${sampleMedian <= 20 ? 'met' : 'MISSED'}), ${(Buffer.byteLength(sample) / 1024).toFixed(0)} KB`,
  )
  console.log(`parse: 50-issue batch median ${ms(batchMedian)} → ${throughput.toFixed(0)} issues/s`)
  return { sampleMedianMs: sampleMedian, batchMedianMs: batchMedian, issuesPerSecond: throughput }
}
