import { isPublicationTitle, LABEL_LINE, ornamentText, PUBLICATION_TITLE } from './patterns'

/** Masthead and cover fields, collected from every line that belongs to no article. */
export interface Masthead {
  year: number | null
  number: number | null
  totalNumber: number | null
  month: number | null
  day: number | null
  dateYear: number | null
  title: string | null
  subtitle: string | null
  publishers: string[]
  editors: string[]
  coordinators: string[]
  phone: string | null
  fax: string | null
}

const YEAR_NUMBER = /((?:19|20)\d{2})\s*年\s*第\s*(\d{1,3})\s*期/
const TOTAL_NUMBER = /总\s*第\s*(\d{1,5})\s*期/
const PRINT_DATE =
  /(?:((?:19|20)\d{2})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(印发|出版|编印)?/

// Separates runs of lines that are not contiguous in the file, so a label never reaches across.
const CHUNK_END = '\u0000'

type Label = '主办' | '编辑' | '统筹' | '电话' | '传真'

const emptyMasthead = (): Masthead => ({
  year: null,
  number: null,
  totalNumber: null,
  month: null,
  day: null,
  dateYear: null,
  title: null,
  subtitle: null,
  publishers: [],
  editors: [],
  coordinators: [],
  phone: null,
  fax: null,
})

const splitNames = (value: string): string[] => value.split(/[\s、，,；;]+/).filter(Boolean)

/**
 * Reads masthead fields from runs of loose lines (cover, back matter). Labels (`主办`, `编辑` …) take their value inline or from
 * the lines that follow, up to the next label or recognised field.
 */
export function readMasthead(chunks: string[][]): Masthead {
  const m = emptyMasthead()
  let label: Label | null = null
  let dateHasMarker = false
  let previousWasTitle = false

  const addValue = (which: Label, value: string): void => {
    if (!value) return
    if (which === '主办')
      m.publishers.push(
        ...(/\s/.test(value) && !/[A-Za-z]/.test(value) ? splitNames(value) : [value]),
      )
    else if (which === '编辑') m.editors.push(...splitNames(value))
    else if (which === '统筹') m.coordinators.push(...splitNames(value))
    else if (which === '电话') m.phone ??= value
    else m.fax ??= value
  }

  for (const line of chunks.flatMap((chunk) => [...chunk, CHUNK_END])) {
    if (line === CHUNK_END) {
      label = null
      previousWasTitle = false
      continue
    }
    const wasTitle = previousWasTitle
    previousWasTitle = false
    let recognised = false

    const yn = YEAR_NUMBER.exec(line)
    if (yn && m.year === null) {
      m.year = Number(yn[1])
      m.number = Number(yn[2])
      recognised = true
    }
    const total = TOTAL_NUMBER.exec(line)
    if (total && m.totalNumber === null) {
      m.totalNumber = Number(total[1])
      recognised = true
    }
    const date = yn ? null : PRINT_DATE.exec(line)
    if (date && (!dateHasMarker || (date[4] && m.month === null))) {
      // A date marked 印发 wins over any other date on the cover.
      if (date[4] || m.month === null) {
        m.month = Number(date[2])
        m.day = Number(date[3])
        m.dateYear = date[1] ? Number(date[1]) : null
        dateHasMarker = Boolean(date[4])
      }
      recognised = true
    }
    const labelled = LABEL_LINE.exec(line)
    if (labelled) {
      label = labelled[1] as Label
      addValue(label, labelled[2].trim())
      if (label === '电话' || label === '传真') label = labelled[2].trim() ? null : label
      continue
    }
    if (recognised) {
      label = null
      continue
    }
    if (isPublicationTitle(line)) {
      m.title ??= PUBLICATION_TITLE
      label = null
      previousWasTitle = true
      continue
    }
    const ornament = ornamentText(line)
    if (ornament !== null) {
      m.subtitle ??= ornament
      label = null
      continue
    }
    if (label) {
      addValue(label, line)
      // Phone and fax take a single line; lists run until something else is recognised.
      if (label === '电话' || label === '传真') label = null
      continue
    }
    if (wasTitle && m.subtitle === null && line.length <= 20) m.subtitle = line
  }
  return m
}
