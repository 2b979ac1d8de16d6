import { articleIdOf, issueIdOf, type Article, type ParsedIssue } from '@core/index'
import { renderIssueText } from '@core/issue-text/render'
import { pick, seededRandom, shuffled } from './prng'

const REGIONS = [
  '区域',
  '上海',
  '广东',
  '北京',
  '江苏',
  '浙江',
  '山东',
  '四川',
  '天津',
  '湖北',
  '福建',
  '重庆',
]

const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86400000).toISOString().slice(0, 10)

/**
 * A corpus of `count` distinct issues for benchmarks: articles of the seed issues reshuffled into
 * new issues every two weeks, with renumbered titles and regions, all valid for the parser.
 */
export function generateIssues(seeds: ParsedIssue[], count: number, seed = 1): ParsedIssue[] {
  const random = seededRandom(seed)
  const pool = seeds.flatMap((s) => s.articles)
  const base = seeds[0].issue
  return Array.from({ length: count }, (_, i) => {
    const totalNumber = 1000 + i
    const publishedOn = addDays('2015-01-08', i * 14)
    const id = issueIdOf(totalNumber)
    const picked = shuffled(random, pool).slice(0, 10)
    const regionOf = new Map<string, string>()
    const articles: Article[] = picked
      .map((a) => {
        if (!regionOf.has(a.region)) regionOf.set(a.region, pick(random, REGIONS))
        return {
          ...a,
          region: regionOf.get(a.region)!,
          title: `${a.title}（${totalNumber}-${a.position}）`,
        }
      })
      .sort((x, y) => REGIONS.indexOf(x.region) - REGIONS.indexOf(y.region))
      .map((a, k) => {
        const { tocTitle: _ignored, ...rest } = a
        return { ...rest, id: articleIdOf(id, k + 1), issueId: id, position: k + 1 }
      })
    const year = Number(publishedOn.slice(0, 4))
    return {
      issue: {
        ...base,
        id,
        totalNumber,
        year,
        number: (i % 24) + 1,
        publishedOn,
        toc: articles.map((a) => ({ region: a.region, title: a.title })),
      },
      articles,
      warnings: [],
    }
  })
}

/** The same corpus as export texts. */
export const generateIssueTexts = (seeds: ParsedIssue[], count: number, seed = 1): string[] =>
  generateIssues(seeds, count, seed).map((p) => renderIssueText(p.issue, p.articles))
