/**
 * A preview of a hostile file through the local host: the file is read off the request loop, so
 * other requests are answered meanwhile, and the preview ends with a clear Chinese refusal.
 */
import type { Server } from 'http'
import type { AddressInfo } from 'net'
import { CLIENT_HEADER } from '../../../core/api/response'
import { createLocalServer } from '../../../server/http/server'
import { createLocalCloud } from '../../../server/local-cloud'
import { publishIssue } from '../../../cloudfunctions/lib/publishing/publish-issue'
import { demoParsed } from '../../fixtures/published-store'
import { docxBomb, docxOf } from '../../../scripts/bench/hostile-files'

const EDITOR = 'editor-1'
let server: Server
let base: string
const issueId = demoParsed()[0].issue.id

beforeAll(async () => {
  const cloud = createLocalCloud(null, [EDITOR])
  await publishIssue(cloud.db, demoParsed()[0], new Date())
  server = createLocalServer({ cloud, staticRoot: null, rateLimitPerMinute: 0 })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

const headers = { [CLIENT_HEADER]: 'test', 'x-wx-openid': EDITOR }

async function uploaded(bytes: Buffer, name: string): Promise<string> {
  const res = await fetch(`${base}/storage/upload`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/octet-stream', 'x-file-name': name },
    body: new Uint8Array(bytes),
  })
  return ((await res.json()) as { data: { fileID: string } }).data.fileID
}

const call = async (fn: string, body: object) => {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return (await res.json()) as { ok: boolean; error?: { message: string } }
}

/** Starts a preview, then an issues.get while it runs; resolves with both answers in the order they came. */
async function previewWhileReading(fileID: string, fileName: string) {
  const order: string[] = []
  const preview = call('publish', { action: 'issues.preview', fileID, fileName }).then((r) => {
    order.push('preview')
    return r
  })
  await new Promise((r) => setTimeout(r, 100))
  const get = call('content', { action: 'issues.get', id: issueId }).then((r) => {
    order.push('issues.get')
    return r
  })
  return { preview: await preview, get: await get, order }
}

describe('previewing a hostile file', () => {
  it('a .docx heavy to read (30 MB of paragraphs) leaves other requests answered meanwhile and ends in a Chinese refusal', async () => {
    const heavy = docxOf('<w:p><w:r><w:t>地方工作亮点追踪，</w:t></w:r></w:p>'.repeat(1000), 600)
    const { preview, get, order } = await previewWhileReading(
      await uploaded(heavy, 'heavy.docx'),
      'heavy.docx',
    )
    expect(get.ok).toBe(true)
    expect(order).toEqual(['issues.get', 'preview'])
    expect(preview.ok).toBe(false)
    expect(preview.error?.message).toMatch(/^不是可识别的期刊文件：.*[\u4e00-\u9fff]/)
  }, 30000)

  it('a zip bomb is refused, and the server answers afterwards', async () => {
    const fileID = await uploaded(docxBomb(300), 'bomb.docx')
    const { preview, get } = await previewWhileReading(fileID, 'bomb.docx')
    expect(get.ok).toBe(true)
    expect(preview.error?.message).toMatch(/解压后超过 64 MB/)
    expect((await call('content', { action: 'issues.get', id: issueId })).ok).toBe(true)
  }, 30000)
})
