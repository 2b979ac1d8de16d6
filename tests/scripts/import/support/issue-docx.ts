import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { PNG } from 'pngjs'
import { stripBoldMarkers } from '@core/issue-text/patterns'
import { roleLines, type RoleLine } from './issue-lines'

/** `**bold**` markup as Word runs. */
const runsOf = (line: string): TextRun[] =>
  line
    .split('**')
    .map((text, i) => ({ text, bold: i % 2 === 1 }))
    .filter((r) => r.text !== '')
    .map((r) => new TextRun(r))

/** A small black-and-white square, standing in for the issue's QR code. */
function qrPlaceholder(): Buffer {
  const png = new PNG({ width: 24, height: 24 })
  png.data.fill(255)
  for (let i = 0; i < png.data.length; i += 4 * 3)
    png.data[i] = png.data[i + 1] = png.data[i + 2] = 0
  return PNG.sync.write(png)
}

/** Masthead labels and their values as a two-column table, the way a Word template sets them. */
function mastheadTable(rows: RoleLine[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map(
      ([label, ...values]) =>
        new TableRow({
          children: [
            new TableCell({
              children: [
                new Paragraph({ children: [new TextRun({ text: label.text, bold: true })] }),
              ],
            }),
            new TableCell({ children: values.map((v) => new Paragraph(v.text)) }),
          ],
        }),
    ),
  })
}

/**
 * An issue's text export as the Word file an editor would receive: the first cover lines in one
 * paragraph with line breaks, the contents as a bulleted list, the masthead as a table, regions,
 * titles and sub-headings as Heading 1–3, `**…**` as bold runs, and a picture on the back cover.
 */
export async function issueDocx(text: string): Promise<Buffer> {
  const lines = roleLines(text)
  const children: (Paragraph | Table)[] = []
  const masthead: RoleLine[][] = []
  const firstCover = lines.slice(0, 3).filter((l) => l.role === 'cover')
  if (firstCover.length > 0)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: firstCover.map((l, i) => new TextRun({ text: l.text, break: i > 0 ? 1 : 0 })),
      }),
    )
  const flushMasthead = (): void => {
    if (masthead.length > 0) children.push(mastheadTable(masthead.splice(0)))
  }
  for (const line of lines.slice(firstCover.length)) {
    const plain = stripBoldMarkers(line.text)
    if (line.role === 'label') {
      masthead.push([line])
      continue
    }
    if (line.role === 'cover' && masthead.length > 0) {
      masthead[masthead.length - 1].push(line)
      continue
    }
    flushMasthead()
    switch (line.role) {
      case 'cover':
        children.push(
          plain === '双周决策观察'
            ? new Paragraph({ text: plain, heading: HeadingLevel.TITLE })
            : new Paragraph({ text: line.text, alignment: AlignmentType.CENTER }),
        )
        break
      case 'toc': {
        const entry = /^-\s*(.*)$/.exec(line.text)
        children.push(
          entry
            ? new Paragraph({ text: entry[1], bullet: { level: 0 } })
            : new Paragraph(line.text),
        )
        break
      }
      case 'region':
        children.push(new Paragraph({ text: plain, heading: HeadingLevel.HEADING_1 }))
        break
      case 'title':
        children.push(new Paragraph({ text: plain, heading: HeadingLevel.HEADING_2 }))
        break
      case 'subheading':
        children.push(new Paragraph({ text: plain, heading: HeadingLevel.HEADING_3 }))
        break
      default:
        children.push(new Paragraph({ children: runsOf(line.text) }))
    }
  }
  flushMasthead()
  children.push(
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: qrPlaceholder(),
          transformation: { width: 72, height: 72 },
        }),
      ],
    }),
  )
  return Packer.toBuffer(new Document({ sections: [{ children }] }))
}
