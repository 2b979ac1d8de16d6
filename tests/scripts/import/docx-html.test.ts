import { htmlToIssueLines } from '../../../cloudfunctions/lib/import/docx'
import { markRuns } from '../../../cloudfunctions/lib/import/runs'
import { xmlDepth } from '../../../cloudfunctions/lib/import/limits'

describe('htmlToIssueLines (mammoth output → export lines)', () => {
  it('writes one line per paragraph, heading, list item and table cell paragraph', () => {
    const html =
      '<p>2024 年第 3 期<br />(总第 277 期)</p><ul><li>【区域】 多地探索</li></ul><p>上海推进</p>' +
      '<table><tr><td><p><strong>主办</strong></p></td><td><p>天津滨海综合发展研究院</p><p>滨海中心</p></td></tr></table>' +
      '<h1>【区域】</h1><h2>多地探索</h2><h3>从“开放”走向“运营”</h3>' +
      '<p>政府则通过<strong>分级分类授权</strong>和全流程留痕 &amp; 管控。<img src="" /></p>' +
      '<h2>【北京】北京携手津冀</h2><ul><li>【浙江】2022 年 5 月，率先开展。</li></ul>'
    expect(htmlToIssueLines(html)).toEqual([
      '2024 年第 3 期',
      '(总第 277 期)',
      '- 【区域】 多地探索',
      '上海推进',
      '主办',
      '天津滨海综合发展研究院',
      '滨海中心',
      '【区域】',
      '多地探索',
      '从“开放”走向“运营”',
      '政府则通过**分级分类授权**和全流程留痕 & 管控。',
      '【北京】**北京携手津冀**',
      // After the body has started, a list item with a region tag is body text, not a contents line.
      '【浙江】2022 年 5 月，率先开展。',
    ])
  })

  it('drops footnote back-links', () => {
    const html =
      '<p>正文<sup><a href="#footnote-1" id="footnote-ref-1">[1]</a></sup>。</p><ol><li id="footnote-1"><p>注释。 <a href="#footnote-ref-1">↑</a></p></li></ol>'
    expect(htmlToIssueLines(html)).toEqual(['正文[1]。', '注释。'])
  })
})

describe('markRuns', () => {
  it('merges neighbouring bold runs and keeps spaces outside the markers', () => {
    expect(
      markRuns([
        { text: '对于 ', bold: false },
        { text: '积极 ', bold: true },
        { text: '践行', bold: true },
        { text: ' ', bold: true },
        { text: 'ESG 理念的企业，给予奖励。', bold: false },
      ]),
    ).toBe('对于 **积极 践行** ESG 理念的企业，给予奖励。')
  })

  it('writes a wholly bold title as a title, and a wholly bold sentence with markers', () => {
    expect(markRuns([{ text: '主办', bold: true }])).toBe('主办')
    expect(markRuns([{ text: '【江苏】南京设立资金池', bold: true }])).toBe(
      '【江苏】**南京设立资金池**',
    )
    expect(markRuns([{ text: '这是一整句加粗的话。', bold: true }])).toBe(
      '**这是一整句加粗的话。**',
    )
  })

  it('marks a bold run holding a long run of spaces at once', () => {
    // Minutes with the pattern that split off the edge spaces: it tried every space as the end.
    const spaces = ' '.repeat(1_000_000)
    expect(
      markRuns([
        { text: '正文', bold: false },
        { text: ` 加${spaces}粗 `, bold: true },
        { text: '。', bold: false },
      ]),
    ).toBe(`正文 **加${spaces}粗** 。`)
  })
})

describe('xmlDepth', () => {
  it('counts nesting by open, closing and self-closing tags', () => {
    expect(
      xmlDepth('<w:document><w:body><w:p/><w:p><w:r>字</w:r></w:p></w:body></w:document>'),
    ).toBe(4)
    expect(xmlDepth('<a><b/><b/></a><c>')).toBe(1)
    expect(xmlDepth('<1><>< a></a>')).toBe(0)
  })

  it('reads a text of a million tag starts without any `>` at once', () => {
    // Minutes before: the tag pattern read on to the end from every `<`.
    expect(xmlDepth('<A'.repeat(1_000_000))).toBe(0)
    expect(xmlDepth(`<a>${'<b'.repeat(1_000_000)}`)).toBe(1)
  })
})
