/** Search: one normal form for text and query, query parsing, index keys, relevance, snippets. */
export { normalize, normalizeMapped } from './normalize'
export { GROUPS, ONE_WAY, variantsOf } from './synonyms'
export { parseQuery, type ParsedQuery, type QueryTerm } from './query'
export { articleKeys, queryKeys, sharedKeys } from './keys'
export { compareRanked, idf, matchesAll, score, type SearchFields } from './score'
export { SNIPPET_MAX, highlightRanges, snippetOf } from './highlight'
export { articleFields, joinFields, splitFields } from './fields'
