/** Domain model of one issue of 《双周决策观察》, shared by the reader, the functions and the scripts. */

/** A bold run inside a block's text: UTF-16 offsets, `start` inclusive, `end` exclusive. */
export type BoldRange = [start: number, end: number]

export type BlockType = 'heading' | 'paragraph'

/** One sub-heading or paragraph of an article, as plain text plus bold ranges (never markup). */
export interface Block {
  type: BlockType
  text: string
  bold: BoldRange[]
}

/** One line of the printed table of contents. */
export interface TocEntry {
  region: string
  title: string
}

export interface Article {
  /** `<issueId>-<position>`, short enough for a QR scene. */
  id: string
  issueId: string
  /** 1-based position in the issue. */
  position: number
  /** Section name without brackets, e.g. `上海`, `区域`. */
  region: string
  /** Title as printed over the article. */
  title: string
  /** Title as printed in the table of contents, present only when it differs. */
  tocTitle?: string
  blocks: Block[]
  /** Publications the article was taken from, e.g. `["文汇报", "证券时报"]`. */
  sources: string[]
  /** ISO date of the source, e.g. `2024-03-26`; null when the article has no source line. */
  sourceDate: string | null
}

export interface Issue {
  /** Derived from totalNumber: `i280`. */
  id: string
  year: number
  /** 期 within the year. */
  number: number
  /** 总第 N 期. */
  totalNumber: number
  /** ISO date of 印发. */
  publishedOn: string
  title: string
  subtitle: string
  publishers: string[]
  editors: string[]
  coordinators: string[]
  phone: string | null
  fax: string | null
  /** The table of contents as printed (empty when the export has none). */
  toc: TocEntry[]
}

export interface ParseWarning {
  code: string
  /** What the editor reads, in Chinese. */
  message: string
  /** The line of the file the warning is about, when it is about one line. */
  line?: number
}

/** What the parser makes of one issue's text. */
export interface ParsedIssue {
  issue: Issue
  articles: Article[]
  warnings: ParseWarning[]
}
