import type { SubscribeMessage } from '../ports/subscribe-message'

/** Template field limits (subscription message `thing` ≤ 20 characters; `date` as 2024年3月28日). */
export const THING_MAX = 20

/** Cuts text to the template limit by characters (not UTF-16 units), marking the cut with …. */
export function fitThing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  if (chars.length <= THING_MAX) return chars.join('')
  return `${chars.slice(0, THING_MAX - 1).join('')}…`
}

export const templateDate = (iso: string): string => {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

export interface NotifyConfig {
  templateId: string
  /** Page path of the issue page, without leading slash. */
  issuePage: string
  miniprogramState: 'developer' | 'trial' | 'formal'
  /** Messages per second this worker may send. */
  ratePerSecond: number
  concurrency: number
  /** Increases whenever the configuration changes; a job paused for configuration resumes on a new version. */
  version: number
}

export interface IssueForMessage {
  id: string
  year: number
  number: number
  publishedOn: string
  firstTitle: string
}

/** The new-issue message for one reader: opens that issue's page. */
export function newIssueMessage(
  config: NotifyConfig,
  issue: IssueForMessage,
  touser: string,
): SubscribeMessage {
  return {
    touser,
    templateId: config.templateId,
    page: `${config.issuePage}?id=${issue.id}`,
    miniprogramState: config.miniprogramState,
    data: {
      thing1: { value: fitThing(`双周决策观察${issue.year}年第${issue.number}期`) },
      thing2: { value: fitThing(issue.firstTitle) },
      date3: { value: templateDate(issue.publishedOn) },
    },
  }
}
