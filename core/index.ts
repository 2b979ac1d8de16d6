export * from './types'
export * from './result'
export * from './ids'
export { parseIssueText } from './issue-text/parse'
