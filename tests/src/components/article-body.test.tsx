import type { Block } from '@core/types'
import { ArticleBody } from '@/components/article-body'
import { splitBold } from '@/components/article-body/segments'

import { render } from '../support/render'

describe('ArticleBody', () => {
  const blocks: Block[] = [
    { type: 'heading', text: '构建未来产业集聚发展平台', bold: [] },
    {
      type: 'paragraph',
      text: '意见提出，建设一批未来产业孵化器和先导区，突破百项技术。',
      bold: [[5, 20]],
    },
  ]

  it('renders headings and paragraphs, with bold ranges as nested bold Text', () => {
    const { container, unmount } = render(<ArticleBody blocks={blocks} />)
    const heading = container.querySelector('.article-body__heading')
    expect(heading?.textContent).toBe('构建未来产业集聚发展平台')
    const bold = container.querySelectorAll('.article-body__bold')
    expect([...bold].map((b) => b.textContent)).toEqual(['建设一批未来产业孵化器和先导区'])
    // The bold run sits inside the paragraph's Text, between its plain runs.
    const para = container.querySelector('.article-body__para')
    expect(para?.textContent).toBe(blocks[1].text)
    expect(bold[0].closest('.article-body__para')).toBe(para)
    unmount()
  })

  it('shows markup-like content as literal text and creates no elements from it', () => {
    const evil =
      '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> javascript:alert(1) <b>x</b>'
    const { container, unmount } = render(
      <ArticleBody
        blocks={[
          { type: 'paragraph', text: evil, bold: [[0, 8]] },
          { type: 'heading', text: evil, bold: [] },
        ]}
      />,
    )
    expect(container.querySelector('script, img, b, a, iframe')).toBeNull()
    expect(container.querySelector('.article-body__para')?.textContent).toBe(evil)
    expect(container.querySelector('.article-body__heading')?.textContent).toBe(evil)
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined()
    unmount()
  })
})

describe('splitBold', () => {
  it('clamps, sorts and merges ranges into runs that cover the text once', () => {
    const text = '0123456789'
    const runs = splitBold(text, [
      [6, 8],
      [1, 3],
      [2, 4],
      [9, 99],
      [5, 5],
    ])
    expect(runs.map((r) => r.text).join('')).toBe(text)
    expect(runs.filter((r) => r.bold).map((r) => r.text)).toEqual(['123', '67', '9'])
  })

  it('keeps an empty paragraph as one empty run', () => {
    expect(splitBold('', [])).toEqual([{ text: '', bold: false }])
  })
})
