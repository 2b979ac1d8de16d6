/** Search: one normal form for text and query, query parsing, index keys, relevance, snippets. */
export { normalize, normalizeMapped, displayForm } from './normalize'
export { GROUPS, ONE_WAY, variantsOf } from './synonyms'
export { parseQuery, MAX_TERMS, type ParsedQuery, type QueryTerm } from './query'
export { articleKeys, queryKeys, sharedKeys, MAX_QUERY_KEYS } from './keys'
export {
  FIELD_NAMES,
  compareRanked,
  idf,
  matchesAll,
  occurrences,
  score,
  type SearchFields,
} from './score'
export { SNIPPET_MAX, highlightRanges, snippetOf } from './highlight'
export { articleFields, joinFields, splitFields } from './fields'
