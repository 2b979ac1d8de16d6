/**
 * What a fixed-width exporter does to an issue written one paragraph per line: every line wider
 * than `width` is cut into pieces of that width, counted in characters (`fold -w`) or in terminal
 * columns (Chinese and full-width forms take two), the spaces at the cuts kept where they fall.
 * With `indent`, a paragraph's first piece starts with two full-width spaces, counted in the width.
 */
export type WrapMeasure = 'chars' | 'columns'

const WIDE = /[\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uff60]/

export function hardWrap(
  text: string,
  width: number,
  measure: WrapMeasure,
  { indent = false }: { indent?: boolean } = {},
): string {
  const widthOf = (c: string) => (measure === 'columns' && WIDE.test(c) ? 2 : 1)
  return text
    .split('\n')
    .map((line) => {
      const chars = [...line]
      if (chars.reduce((n, c) => n + widthOf(c), 0) <= width) return line
      const pieces: string[] = []
      let piece = indent ? '\u3000\u3000' : ''
      let used = indent ? 2 * widthOf('\u3000') : 0
      for (const c of chars) {
        if (used + widthOf(c) > width) {
          pieces.push(piece)
          piece = ''
          used = 0
        }
        piece += c
        used += widthOf(c)
      }
      pieces.push(piece)
      return pieces.join('\n')
    })
    .join('\n')
}
