/**
 * Region tints: the regions of any one issue never share a tint, a region keeps its tint, and
 * every tint is readable in both themes.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { regionTint, TINT_COUNT } from '@/components/region-chip/tint'

import { parsedSample } from '../../fixtures/content'
import { demoIssues } from '../../fixtures/demo-issues'
import { contrast } from '../support/contrast'

const ROOT = path.resolve(__dirname, '../../..')

/** The regions of every issue in use: the demo issues and the test fixture. */
function issuesRegions(): { name: string; regions: string[] }[] {
  const demo = demoIssues().map((d) => ({
    name: `总第 ${d.issue.totalNumber} 期`,
    regions: [...new Set(d.articles.map((a) => a.region))],
  }))
  const sample = parsedSample()
  return [...demo, { name: 'fixture', regions: [...new Set(sample.articles.map((a) => a.region))] }]
}

describe('region tints', () => {
  const issues = issuesRegions()

  it.each(issues.map((i) => [i.name, i.regions] as const))(
    'differ for any two regions of one issue (%s)',
    (_name, regions) => {
      const tints = regions.map(regionTint)
      expect(regions.length).toBeGreaterThan(1)
      expect(new Set(tints).size).toBe(regions.length)
    },
  )

  it('differ for any two regions in use anywhere, and stay the same per region', () => {
    const all = [...new Set(issues.flatMap((i) => i.regions))]
    expect(new Set(all.map(regionTint)).size).toBe(all.length)
    for (const r of [...all, '重庆', '黑龙江']) {
      expect(regionTint(r)).toBe(regionTint(r))
      expect(regionTint(r)).toBeGreaterThanOrEqual(0)
      expect(regionTint(r)).toBeLessThan(TINT_COUNT)
    }
  })

  it('are each defined in both themes with text at 4.5:1 or more on the chip', () => {
    const scss = readFileSync(path.join(ROOT, 'src/components/region-chip/index.scss'), 'utf8')
    for (let t = 0; t < TINT_COUNT; t++)
      for (const prefix of ['', '.theme-dark ']) {
        const rule = new RegExp(
          `(?:^|\\n)${prefix.replace('.', '\\.')}\\.region-chip--t${t} \\{\\s*background-color: (#[0-9a-f]{6});\\s*color: (#[0-9a-f]{6});`,
        ).exec(scss)
        expect(rule).not.toBeNull()
        expect(contrast(rule![1], rule![2])).toBeGreaterThanOrEqual(4.5)
      }
  })
})
