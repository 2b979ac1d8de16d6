import { Text } from '@tarojs/components'

import './index.scss'

export interface HighlightedTextProps {
  text: string
  /** Ranges [start, end) to mark, e.g. search hits. */
  ranges: [number, number][]
  className?: string
}

/** Text with some ranges marked (search hits), built from Text runs, never from markup. */
export function HighlightedText({ text, ranges, className }: HighlightedTextProps) {
  const sorted = ranges
    .filter(([s, e]) => e > s && s >= 0 && e <= text.length)
    .slice()
    .sort((a, b) => a[0] - b[0])
  const runs: { text: string; hit: boolean }[] = []
  let at = 0
  for (const [s, e] of sorted) {
    if (s < at) continue
    if (s > at) runs.push({ text: text.slice(at, s), hit: false })
    runs.push({ text: text.slice(s, e), hit: true })
    at = e
  }
  if (at < text.length) runs.push({ text: text.slice(at), hit: false })
  return (
    <Text className={className}>
      {runs.map((r, i) =>
        r.hit ? (
          <Text key={i} className="highlight">
            {r.text}
          </Text>
        ) : (
          r.text
        ),
      )}
    </Text>
  )
}
