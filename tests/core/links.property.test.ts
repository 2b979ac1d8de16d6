import fc from 'fast-check'
import {
  parseScene,
  pathFor,
  sceneFor,
  SCENE_CHARSET,
  targetFromQuery,
  type LinkTarget,
} from '@core/links'
import { articleIdOf, issueIdOf } from '@core/ids'

const issueTarget = fc
  .integer({ min: 1, max: 999999 })
  .map((n): LinkTarget => ({ kind: 'issue', issueId: issueIdOf(n) }))
const articleTarget = fc
  .tuple(fc.integer({ min: 1, max: 999999 }), fc.integer({ min: 1, max: 999 }))
  .map(([n, p]): LinkTarget => ({ kind: 'article', articleId: articleIdOf(issueIdOf(n), p) }))
const target = fc.oneof(issueTarget, articleTarget)

describe('scene codec', () => {
  it('round-trips every issue and article exactly', () => {
    fc.assert(
      fc.property(target, (t) => expect(parseScene(sceneFor(t)!)).toEqual(t)),
      { numRuns: 2000 },
    )
  })

  it('stays within WeChat’s limits: ≤ 32 characters of the allowed set', () => {
    fc.assert(
      fc.property(target, (t) => {
        const scene = sceneFor(t)!
        expect(scene.length).toBeLessThanOrEqual(32)
        expect(scene).toMatch(SCENE_CHARSET)
      }),
      { numRuns: 2000 },
    )
    expect(sceneFor({ kind: 'article', articleId: 'i999999-999' })).toBe(
      `1a${(999999).toString(36)}.${(999).toString(36)}`,
    )
  })

  it('rejects random strings, and accepts only what it would write', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const t = parseScene(s)
        if (t !== null) expect(sceneFor(t)).toBe(s)
      }),
      { numRuns: 5000 },
    )
    for (const bad of [
      '',
      '1i',
      '1i0',
      '1i07s',
      '1I7S',
      '2i7s',
      '1i7s.3',
      '1a7s',
      '1a7s.0',
      '1a7s.',
      '1alflt.1',
      '1a7s.rs',
      ' 1i7s',
      '1i7s\n',
    ]) {
      expect(parseScene(bad)).toBeNull()
    }
  })

  it('rejects ids that are not canonical', () => {
    expect(sceneFor({ kind: 'issue', issueId: 'i0280' })).toBeNull()
    expect(sceneFor({ kind: 'article', articleId: 'i280-3' })).toBeNull()
    expect(sceneFor({ kind: 'article', articleId: 'i280-1000' })).toBeNull()
  })
})

describe('landing targets', () => {
  it('reads scenes (URI-encoded or not), share paths and notification pages', () => {
    const article: LinkTarget = { kind: 'article', articleId: 'i280-03' }
    const scene = sceneFor(article)!
    expect(targetFromQuery('pages/latest/index', { scene: encodeURIComponent(scene) })).toEqual(
      article,
    )
    expect(targetFromQuery('/packages/reader/article/index', { id: 'i280-03' })).toEqual(article)
    expect(targetFromQuery('packages/reader/issue/index', { id: 'i280' })).toEqual({
      kind: 'issue',
      issueId: 'i280',
    })
    expect(pathFor(article)).toBe('packages/reader/article/index?id=i280-03')
  })

  it('answers null (land on the latest issue) for anything tampered', () => {
    expect(targetFromQuery('pages/latest/index', { scene: '1a7s.x!' })).toBeNull()
    expect(targetFromQuery('pages/latest/index', { scene: '%E0%A4%A' })).toBeNull()
    expect(targetFromQuery('packages/reader/article/index', { id: '<script>' })).toBeNull()
    expect(targetFromQuery('packages/reader/issue/index', { id: 'i280-01' })).toBeNull()
    expect(targetFromQuery('pages/latest/index', {})).toBeNull()
  })
})
