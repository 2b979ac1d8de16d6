/**
 * The judged query set: queries a reader types, over the demo issues (277–279) and the search
 * fixture issue (290, `tests/fixtures/search/issue-290.txt`), each with the article that must come
 * first and those that must be among the first five (judged by reading the articles, not by
 * running the search). `first: null` means no article may match. `npm test` checks every query;
 * `npm run bench` scores the set (MRR, nDCG@5).
 */
import path from 'path'
import type { ParsedIssue } from '../../core/types'
import { demoIssues, parseIssueFile } from './fixture-issue'

export interface Judged {
  q: string
  /** What the query exercises. */
  kind: string
  first: string | null
  /** Also in the first five (besides `first`). */
  top5: string[]
}

export const JUDGED: Judged[] = [
  // Both titles hold both words; the Guangzhou article is all about them (and newer).
  { q: '新能源 充电', kind: 'multi-word', first: 'i290-04', top5: ['i278-01'] },
  { q: '充电 新能源', kind: 'multi-word', first: 'i290-04', top5: ['i278-01'] },
  { q: '充电 居住区', kind: 'multi-word', first: 'i278-01', top5: [] },
  { q: '上海 碳足迹', kind: 'multi-word', first: 'i290-03', top5: ['i290-02'] },
  { q: '数据 授权运营', kind: 'multi-word', first: 'i277-01', top5: [] },
  { q: '托育 闵行', kind: 'multi-word', first: 'i279-07', top5: [] },
  { q: '海上风电 烟台', kind: 'multi-word', first: 'i279-05', top5: [] },
  { q: '加快释放近期', kind: 'punctuation', first: 'i279-01', top5: [] },
  { q: '一企一证', kind: 'punctuation', first: 'i279-04', top5: [] },
  { q: '原始数据不出域数据可用不可见', kind: 'punctuation', first: 'i277-01', top5: [] },
  { q: '班列+跨境电商', kind: 'punctuation', first: 'i279-02', top5: [] },
  { q: '“小巨人”企业', kind: 'punctuation', first: 'i290-01', top5: [] },
  { q: '162家', kind: 'spacing', first: 'i290-04', top5: [] },
  { q: 'ESG能力', kind: 'spacing', first: 'i279-06', top5: [] },
  { q: 'ESG 能力', kind: 'spacing', first: 'i279-06', top5: [] },
  { q: '500家', kind: 'spacing', first: 'i279-06', top5: [] },
  { q: '5G与北斗', kind: 'spacing', first: 'i290-07', top5: [] },
  { q: 'esg', kind: 'case', first: 'i279-06', top5: [] },
  { q: 'ai大模型', kind: 'case', first: 'i277-02', top5: [] },
  { q: 'Ai 清单', kind: 'case', first: 'i277-02', top5: [] },
  { q: '人工智能', kind: 'synonym', first: 'i290-05', top5: ['i277-02'] },
  { q: 'ＥＳＧ', kind: 'full-width', first: 'i279-06', top5: [] },
  { q: '１６２家', kind: 'full-width', first: 'i290-04', top5: [] },
  { q: 'ＡＩ大模型', kind: 'full-width', first: 'i277-02', top5: [] },
  { q: '專精特新', kind: 'traditional', first: 'i290-01', top5: [] },
  { q: '銀髮經濟', kind: 'traditional', first: 'i279-01', top5: [] },
  { q: '碳足跡', kind: 'traditional', first: 'i290-03', top5: ['i290-02'] },
  { q: '養老服務', kind: 'traditional', first: 'i277-03', top5: ['i279-01'] },
  { q: '发改委', kind: 'synonym', first: 'i290-08', top5: [] },
  { q: '工信部', kind: 'synonym', first: 'i290-01', top5: [] },
  { q: '央行', kind: 'synonym', first: 'i290-06', top5: [] },
  { q: '人民银行', kind: 'synonym', first: 'i290-06', top5: [] },
  { q: '沪 碳足迹', kind: 'synonym (region)', first: 'i290-03', top5: ['i290-02'] },
  { q: '京 人工智能', kind: 'synonym (region)', first: 'i290-05', top5: [] },
  { q: '粤 充电', kind: 'synonym (region)', first: 'i290-04', top5: [] },
  { q: '川 审批', kind: 'synonym (region)', first: 'i290-08', top5: [] },
  { q: '浙 数据要素', kind: 'synonym (region)', first: 'i278-04', top5: [] },
  { q: '上海证券报', kind: 'source', first: 'i290-03', top5: [] },
  { q: '光明日报', kind: 'source', first: 'i279-01', top5: ['i290-07'] },
  { q: '证券时报', kind: 'source', first: 'i278-02', top5: [] },
  { q: '21世纪经济报道', kind: 'source', first: 'i278-07', top5: [] },
  { q: '四川', kind: 'region', first: 'i290-08', top5: ['i279-02', 'i279-03'] },
  { q: '天津 氢能', kind: 'region', first: 'i277-07', top5: [] },
  { q: '港', kind: 'one character', first: 'i290-07', top5: ['i277-06'] },
  { q: '氢', kind: 'one character', first: 'i277-07', top5: [] },
  { q: '托', kind: 'one character', first: 'i279-07', top5: [] },
  { q: '碳足迹', kind: 'ranking', first: 'i290-03', top5: ['i290-02'] },
  { q: '专精特新', kind: 'ranking', first: 'i290-01', top5: [] },
  { q: '养老', kind: 'ranking', first: 'i277-03', top5: ['i279-01'] },
  { q: '低空经济', kind: 'ranking', first: 'i278-02', top5: [] },
  { q: '集成电路', kind: 'ranking', first: 'i278-06', top5: [] },
  { q: '量子计算', kind: 'no hits', first: null, top5: [] },
  { q: '沪 量子', kind: 'no hits', first: null, top5: [] },
  { q: '！！！', kind: 'no hits', first: null, top5: [] },
]

const ROOT = path.resolve(__dirname, '../..')

/** The issues the judged set is about: the demo issues, then the search fixture. */
export const judgedIssues = (): ParsedIssue[] => [
  ...demoIssues(),
  parseIssueFile(path.join(ROOT, 'tests/fixtures/search/issue-290.txt')),
]

/** Reciprocal rank of the judged first article (1 for a no-hit query with no hits). */
export function reciprocalRank(j: Judged, ids: string[]): number {
  if (j.first === null) return ids.length === 0 ? 1 : 0
  const at = ids.indexOf(j.first)
  return at < 0 ? 0 : 1 / (at + 1)
}

/**
 * nDCG@5 with gain 2 for the first article, 1 for the other judged ones, 0 for the rest; a
 * no-hit query scores 1 when nothing is returned.
 */
export function ndcgAt5(j: Judged, ids: string[]): number {
  if (j.first === null) return ids.length === 0 ? 1 : 0
  const gain = (id: string) => (id === j.first ? 2 : j.top5.includes(id) ? 1 : 0)
  const dcg = (gains: number[]) =>
    gains.slice(0, 5).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0)
  const ideal = dcg([2, ...j.top5.map(() => 1)])
  return dcg(ids.map(gain)) / ideal
}
