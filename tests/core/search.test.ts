import fc from 'fast-check'
import {
  GROUPS,
  ONE_WAY,
  articleKeys,
  highlightRanges,
  matchesAll,
  normalize,
  normalizeMapped,
  parseQuery,
  queryKeys,
  score,
  variantsOf,
  type SearchFields,
} from '../../core/search'

describe('normalize', () => {
  it.each([
    ['ＥＳＧ １６２家', 'esg162家'],
    ['ESG 能力', 'esg能力'],
    ['162 家', '162家'],
    ['專精特新', '专精特新'],
    ['銀髮經濟、臺灣', '银发经济台湾'],
    ['加快释放。近期', '加快释放近期'],
    ['“一企一证”综合许可', '一企一证综合许可'],
    ['AI 大模型', 'ai大模型'],
  ])('%s → %s', (text, expected) => {
    expect(normalize(text)).toBe(expected)
  })

  it('maps every normalised character back to the original it came from', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('專', '精', 'Ｅ', 's', 'G', '，', ' ', '\n', '家', '1', '㈱', '😀'),
          {
            maxLength: 60,
          },
        ),
        (chars) => {
          const text = chars.join('')
          const { text: norm, from, to } = normalizeMapped(text)
          expect(norm).toBe(normalize(text))
          expect(from).toHaveLength(norm.length)
          for (let i = 0; i < norm.length; i++) {
            expect(normalize(text.slice(from[i], to[i]))).toContain(norm[i])
            if (i > 0) expect(from[i]).toBeGreaterThanOrEqual(from[i - 1])
          }
        },
      ),
    )
  })
})

describe('parseQuery', () => {
  it('splits on spaces and punctuation into terms that must all occur', () => {
    expect(parseQuery(' 新能源  充电 ').terms.map((t) => t.text)).toEqual(['新能源', '充电'])
    expect(parseQuery('班列+跨境电商').terms.map((t) => t.text)).toEqual(['班列', '跨境电商'])
    expect(parseQuery('！！！').terms).toEqual([])
  })

  it('says how the query was read only when that differs from what was typed', () => {
    expect(parseQuery('專精特新').understood).toBe('专精特新')
    expect(parseQuery('ＥＳＧ能力').understood).toBe('ESG能力')
    expect(parseQuery('“小巨人”企业').understood).toBe('小巨人 企业')
    expect(parseQuery('新能源 充电').understood).toBeNull()
    expect(parseQuery('ESG').understood).toBeNull()
  })

  it('lists the synonyms it searches as well', () => {
    expect(parseQuery('发改委').synonyms).toEqual(['发展改革委', '发展和改革委员会'])
    expect(parseQuery('沪').synonyms).toEqual(['上海'])
    expect(parseQuery('碳足迹').synonyms).toEqual([])
  })
})

describe('synonyms', () => {
  it('connect every name of a group both ways, inside a longer term too', () => {
    for (const group of GROUPS)
      for (const a of group) for (const b of group) expect(variantsOf(a)).toContain(b)
    expect(variantsOf('四川省发展改革委')).toContain('四川省发改委')
    expect(variantsOf('国家发改委')).toContain('国家发展改革委')
    expect(variantsOf('工业和信息化部')).toContain('工信部')
    expect(variantsOf('央行')).toEqual(['央行', '中国人民银行', '人民银行'])
  })

  it('read a one-character region name only as the whole term, and only one way', () => {
    expect(variantsOf('沪')).toEqual(['沪', '上海'])
    expect(variantsOf('粤')).toEqual(['粤', '广东'])
    expect(variantsOf('苏州')).toEqual(['苏州'])
    expect(variantsOf('江苏')).toEqual(['江苏'])
    for (const [short, names] of Object.entries(ONE_WAY)) {
      expect([...short]).toHaveLength(1)
      for (const name of names) expect(variantsOf(name)).not.toContain(short)
    }
  })

  // A reader may type any word, including the names every plain object inherits; the search
  // function answered 500 for `constructor`, whose lookup found Object's constructor.
  it.each(['constructor', '__proto__', 'tostring', 'valueof', 'hasownproperty', 'prototype'])(
    'treat %s as a word, not a property of the table',
    (word) => {
      expect(variantsOf(word)).toEqual([word])
      expect(() => parseQuery(word)).not.toThrow()
      expect(queryKeys(parseQuery(word).terms).length).toBeGreaterThan(0)
    },
  )

  it('are written in the normal form', () => {
    for (const name of [...GROUPS.flat(), ...Object.values(ONE_WAY).flat()])
      expect(normalize(name)).toBe(name)
  })
})

describe('index keys', () => {
  it('every article holding the query holds all the query keys', () => {
    const word = fc.constantFrom(
      '上海',
      '碳足迹',
      '发改委',
      '发展改革委',
      '沪',
      '央行',
      '人民银行',
      'esg',
      '港',
    )
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 3 }),
        fc.array(fc.constantFrom('的', '推', '动', '。', ' '), { maxLength: 20 }),
        fc.nat(3),
        (words, filler, field) => {
          const { terms } = parseQuery(words.join(' '))
          // An article holding one variant of each term, in one of its fields.
          const text = terms.map((t, i) => t.variants[i % t.variants.length]).join(filler.join(''))
          const fields: SearchFields = ['', '', '', '']
          fields[field] = normalize(text)
          expect(matchesAll(fields, terms)).toBe(true)
          const keys = new Set(articleKeys(fields))
          for (const k of queryKeys(terms)) expect(keys).toContain(k)
        },
      ),
    )
  })
})

describe('score', () => {
  const q = parseQuery('碳足迹').terms
  const body = (s: string) => `${'其他内容'.repeat(50)}${s}${'其他内容'.repeat(50)}`

  it('ranks a sub-heading and five mentions above one mention', () => {
    const once: SearchFields = ['上海出台低碳措施', '', normalize(body('产品碳足迹核算')), '上海']
    const five: SearchFields = [
      '临港打造航运枢纽',
      '碳足迹管理',
      normalize(body('碳足迹'.repeat(4))),
      '上海',
    ]
    expect(score(five, q)).toBeGreaterThan(score(once, q))
  })

  it('ranks a title hit above a sub-heading and several body hits', () => {
    const title: SearchFields = ['上海推动碳足迹管理', '', normalize(body('')), '上海']
    const heading: SearchFields = [
      '上海措施',
      '碳足迹',
      normalize(body('碳足迹'.repeat(3))),
      '上海',
    ]
    expect(score(title, q)).toBeGreaterThan(score(heading, q))
  })

  it('ranks words side by side above the same words apart', () => {
    const terms = parseQuery('加快 释放').terms
    const near: SearchFields = ['', '', normalize(body('加快释放')), '']
    const apart: SearchFields = ['', '', normalize(`加快${body('')}释放`), '']
    expect(score(near, terms)).toBeGreaterThan(score(apart, terms))
  })
})

describe('highlightRanges', () => {
  it('marks every term in the original text, across spacing and case', () => {
    const title = '上海发布 AI 大模型应用场景首批清单'
    const ranges = highlightRanges(title, parseQuery('ai大模型 清单').terms)
    expect(ranges.map(([s, e]) => title.slice(s, e))).toEqual(['AI 大模型', '清单'])
  })
})
