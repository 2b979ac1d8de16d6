import { readFileSync } from 'fs'
import { createLocalCloud } from '../../server/local-cloud'
import { publishIssue } from '../../cloudfunctions/lib/publishing/publish-issue'
import { sampleParsed } from '../fixtures/published-store'
import { decodeQr, landingOf } from '../fixtures/qr'

const as = (openid: string | null) => ({ openid, now: () => new Date() })

describe('qrcode function (local stand-ins)', () => {
  it('makes a scannable code that lands on the article, and reuses it', async () => {
    const cloud = createLocalCloud(null, ['editor-1'])
    await publishIssue(cloud.db, sampleParsed(), new Date())
    const first = await cloud.functions.qrcode(
      { action: 'qrcode.article', id: 'i280-03' },
      as('editor-1'),
    )
    if (!first.ok) throw new Error(first.error.message)
    const data = first.data as { fileID: string; scene: string; page: string; created: boolean }
    expect(data).toMatchObject({
      scene: '1a7s.3',
      page: 'packages/reader/article/index',
      created: true,
    })
    const payload = decodeQr(readFileSync(cloud.storage.pathOf(data.fileID)!))
    expect(payload).toBe('packages/reader/article/index?scene=1a7s.3')
    expect(landingOf(payload!)).toEqual({
      kind: 'article',
      articleId: 'i280-03',
    })
    const again = await cloud.functions.qrcode(
      { action: 'qrcode.article', id: 'i280-03' },
      as('editor-1'),
    )
    expect(again.ok && again.data).toMatchObject({ fileID: data.fileID, created: false })
  })

  it('is for editors only and for published content only', async () => {
    const cloud = createLocalCloud(null, ['editor-1'])
    await publishIssue(cloud.db, sampleParsed(), new Date())
    for (const event of [
      { action: 'qrcode.issue', id: 'i280' },
      { action: 'qrcode.article', id: 'i280-03' },
    ]) {
      for (const who of [null, 'reader-1']) {
        const denied = await cloud.functions.qrcode(event, as(who))
        expect(!denied.ok && denied.error.code).toBe('permission_denied')
      }
    }
    // Refused before anything is made or stored.
    expect((await cloud.db.collection('qrcodes').count()).total).toBe(0)
    const missing = await cloud.functions.qrcode(
      { action: 'qrcode.issue', id: 'i281' },
      as('editor-1'),
    )
    expect(!missing.ok && missing.error.code).toBe('not_found')
    const issue = await cloud.functions.qrcode(
      { action: 'qrcode.issue', id: 'i280' },
      as('editor-1'),
    )
    expect(issue.ok && issue.data).toMatchObject({
      scene: '1i7s',
      page: 'packages/reader/issue/index',
    })
  })
})
