import { qrcodeInput, type QrcodeResult } from '../../../core/api/qrcode'
import { ARTICLE_PAGE, ISSUE_PAGE, sceneFor, type LinkTarget } from '../../../core/links'
import { parseArticleId } from '../../../core/ids'
import { ContentRepository } from '../content/repository'
import { requireEditor } from '../authorize'
import { ApiFailure, createFunction } from '../dispatch'
import type { AdminDirectory } from '../ports/admins'
import type { Database } from '../ports/database'
import type { FileStorage, WxacodeApi } from '../ports/wxacode'

export interface QrcodeDeps {
  db: Database
  admins: AdminDirectory
  wxacode: WxacodeApi
  storage: FileStorage
}

interface QrcodeRecord {
  _id: string
  fileID: string
  page: string
  createdAt: string
}

const QRCODES = 'qrcodes'

async function codeFor(
  target: LinkTarget,
  page: string,
  deps: QrcodeDeps,
  now: Date,
): Promise<QrcodeResult> {
  const scene = sceneFor(target)
  if (!scene) throw new ApiFailure('invalid_argument', 'id: not an issue or article id')
  // Generated once and kept: the API allows 5,000 calls a minute, and a printed code must not change.
  const codes = deps.db.collection<QrcodeRecord>(QRCODES)
  const { data } = await codes.where({ _id: scene }).limit(1).get()
  if (data[0]) return { fileID: data[0].fileID, scene, page, created: false }
  const image = await deps.wxacode.getUnlimited({
    scene,
    page,
    checkPath: true,
    envVersion: 'release',
    width: 430,
  })
  if (image.errCode !== 0 || !image.buffer)
    throw new ApiFailure(
      'unavailable',
      `the QR code service answered ${image.errCode}: ${image.errMsg}`,
    )
  const { fileID } = await deps.storage.upload(
    `qrcodes/${scene.replace(/[^0-9a-z.]/gi, '_')}.png`,
    image.buffer,
  )
  await codes
    .add({ data: { _id: scene, fileID, page, createdAt: now.toISOString() } })
    .catch(() => undefined)
  return { fileID, scene, page, created: true }
}

/** The `qrcode` function: a QR code that opens an issue or an article, for posters and print. */
export const qrcodeFunction = createFunction(qrcodeInput, {
  async 'qrcode.issue'(input, ctx, deps: QrcodeDeps): Promise<QrcodeResult> {
    await requireEditor(deps.admins, ctx, 'only editors may make QR codes')
    if (!(await new ContentRepository(deps.db).issue(input.id)))
      throw new ApiFailure('not_found', `issue ${input.id} is not published`)
    return codeFor({ kind: 'issue', issueId: input.id }, ISSUE_PAGE, deps, ctx.now())
  },

  async 'qrcode.article'(input, ctx, deps: QrcodeDeps): Promise<QrcodeResult> {
    await requireEditor(deps.admins, ctx, 'only editors may make QR codes')
    const ref = parseArticleId(input.id)
    const repo = new ContentRepository(deps.db)
    const issue = ref ? await repo.issue(ref.issueId) : null
    if (!issue || !(await repo.article(issue, input.id)))
      throw new ApiFailure('not_found', `article ${input.id} is not published`)
    return codeFor({ kind: 'article', articleId: input.id }, ARTICLE_PAGE, deps, ctx.now())
  },
})
