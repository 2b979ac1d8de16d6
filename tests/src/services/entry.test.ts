import fc from 'fast-check'

import { sceneFor } from '@core/links'
import {
  decideEntry,
  NOTICE_MISSING_ARTICLE,
  NOTICE_UNREADABLE,
  missingNotice,
} from '@/services/entry'

describe('the launch router', () => {
  it('shows the id of a share path or notification page on its own page', () => {
    expect(decideEntry('article', { id: 'i280-03' })).toEqual({ kind: 'show', id: 'i280-03' })
    expect(decideEntry('issue', { id: 'i280' })).toEqual({ kind: 'show', id: 'i280' })
    // An id that is still URI-encoded once (some shares do that).
    expect(decideEntry('article', { id: encodeURIComponent('i280-03') })).toEqual({
      kind: 'show',
      id: 'i280-03',
    })
  })

  it('follows a QR scene (URI-encoded, as WeChat passes it) to its article or issue', () => {
    const articleScene = sceneFor({ kind: 'article', articleId: 'i280-03' })!
    expect(articleScene).toBe('1a7s.3')
    expect(decideEntry('article', { scene: encodeURIComponent(articleScene) })).toEqual({
      kind: 'show',
      id: 'i280-03',
    })
    expect(decideEntry('issue', { scene: '1i7s' })).toEqual({ kind: 'show', id: 'i280' })
  })

  it('sends a target that belongs on another page there', () => {
    expect(decideEntry('issue', { scene: '1a7s.3' })).toMatchObject({
      kind: 'redirect',
      url: '/packages/reader/article/index?id=i280-03',
    })
    expect(decideEntry('article', { scene: '1i7s' })).toMatchObject({
      kind: 'redirect',
      url: '/packages/reader/issue/index?id=i280',
    })
    // A plain h5 URL of the 最新 tab with a scene.
    expect(decideEntry('latest', { scene: '1a7s.3' })).toMatchObject({
      kind: 'redirect',
      url: '/packages/reader/article/index?id=i280-03',
    })
    expect(decideEntry('latest', {})).toEqual({ kind: 'none' })
  })

  it('lands a tampered or unreadable target on the latest issue with a notice', () => {
    for (const params of [
      { scene: '1a7s.zz' },
      { scene: '2a7s.3' },
      { scene: '1A7S.3' },
      { scene: '%E0%A4%A' },
      { scene: '1a07s.3' },
      { id: 'i280-03<script>' },
      { id: '../../pages/me/index' },
      {},
    ])
      expect(decideEntry('article', params)).toEqual({ kind: 'latest', notice: NOTICE_UNREADABLE })
    expect(decideEntry('issue', { id: 'i0' })).toEqual({
      kind: 'latest',
      notice: NOTICE_UNREADABLE,
    })
    expect(decideEntry('latest', { scene: 'hello' })).toEqual({
      kind: 'latest',
      notice: NOTICE_UNREADABLE,
    })
    expect(missingNotice('article')).toBe(NOTICE_MISSING_ARTICLE)
  })

  it('never throws and always decides, whatever the query', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('latest' as const, 'issue' as const, 'article' as const),
        fc.option(fc.string(), { nil: undefined }),
        fc.option(fc.fullUnicodeString(), { nil: undefined }),
        (page, id, scene) => {
          const d = decideEntry(page, { id, scene })
          expect(['none', 'show', 'redirect', 'latest']).toContain(d.kind)
          if (d.kind === 'redirect')
            expect(d.url).toMatch(/^\/packages\/reader\/(issue|article)\/index\?id=i\d+(-\d+)?$/)
        },
      ),
    )
  })
})
