import type { Article } from '../types'
import { normalize } from './normalize'
import type { SearchFields } from './score'

/** What is searched of an article, normalised: title, sub-headings, body, region and sources. */
export function articleFields(
  article: Pick<Article, 'title' | 'blocks' | 'region' | 'sources'>,
): SearchFields {
  const text = (type: string) =>
    normalize(
      article.blocks
        .filter((b) => b.type === type)
        .map((b) => b.text)
        .join('\n'),
    )
  return [
    normalize(article.title),
    text('heading'),
    text('paragraph'),
    normalize([article.region, ...article.sources].join(' ')),
  ]
}

/** Fields in one string (a normalised field never holds a line break) and back. */
export const joinFields = (fields: SearchFields): string => fields.join('\n')
export const splitFields = (joined: string): SearchFields => {
  const [title = '', heading = '', body = '', meta = ''] = joined.split('\n')
  return [title, heading, body, meta]
}
