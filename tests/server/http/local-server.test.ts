import fc from 'fast-check'
import { mkdtempSync, writeFileSync } from 'fs'
import { connect, type AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import type { Server } from 'http'
import { createLocalServer } from '../../../server/http/server'
import { createLocalCloud } from '../../../server/local-cloud'
import { publishIssue } from '../../../cloudfunctions/lib/publishing/publish-issue'
import { sampleParsed } from '../../fixtures/published-store'
import { CLIENT_HEADER } from '../../../core/api/response'

let server: Server
let base: string
const staticRoot = mkdtempSync(path.join(os.tmpdir(), 'h5-'))
writeFileSync(path.join(staticRoot, 'index.html'), '<!doctype html><title>reader</title>')

beforeAll(async () => {
  const cloud = createLocalCloud(null, ['editor-1'])
  await publishIssue(cloud.db, sampleParsed(), new Date())
  server = createLocalServer({ cloud, staticRoot, rateLimitPerMinute: 0 })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

const post = async (fn: string, body: string | object, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'test', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  return { status: res.status, body: await res.json() }
}

describe('local server', () => {
  it('answers 200 with the envelope', async () => {
    const { status, body } = await post('content', { action: 'articles.get', id: 'i280-02' })
    expect(status).toBe(200)
    expect(body.ok).toBe(true)
    expect(body.data.article.sources).toEqual(['上海证券报'])
  })

  it('mirrors error codes in the HTTP status', async () => {
    expect((await post('content', { action: 'issues.list', limit: 0 })).status).toBe(400)
    expect((await post('content', 'not json')).status).toBe(400)
    expect((await post('content', { action: 'nope' })).status).toBe(404)
    expect((await post('nofunction', { action: 'x' })).status).toBe(404)
    expect((await post('content', { action: 'articles.get', id: 'i280-99' })).status).toBe(404)
    expect((await post('content', { action: 'search', q: 'x'.repeat(200 * 1024) })).status).toBe(
      413,
    )
    const unpublish = { action: 'issues.unpublish', id: 'i280' }
    expect((await post('publish', unpublish)).status).toBe(403)
    expect((await post('publish', unpublish, { 'x-wx-openid': 'reader-1' })).status).toBe(403)
  })

  it('takes the caller only from the x-wx-openid header', async () => {
    const spoofed = await post('publish', {
      action: 'issues.unpublish',
      id: 'i280',
      openid: 'editor-1',
    })
    expect(spoofed.status).toBe(400)
    expect((await post('content', { action: 'issues.get', id: 'i280' })).status).toBe(200)
  })

  it('refuses a malformed x-wx-openid rather than taking the caller for anonymous', async () => {
    for (const bad of ['', 'has space', 'x'.repeat(65), '../admin', 'é'])
      expect([
        bad,
        (await post('notify', { action: 'notify.run' }, { 'x-wx-openid': bad })).body,
      ]).toEqual([
        bad,
        { ok: false, error: { code: 'invalid_argument', message: expect.any(String) } },
      ])
  })

  it('lets no client start the notification worker, signed in or not', async () => {
    expect((await post('notify', { action: 'notify.run' })).body.error.code).toBe(
      'permission_denied',
    )
    for (const openid of ['reader-1', 'editor-1'])
      expect(
        (await post('notify', { action: 'notify.run' }, { 'x-wx-openid': openid })).body.error.code,
      ).toBe('permission_denied')
  })

  it('serves the h5 app and refuses paths outside it', async () => {
    const index = await fetch(`${base}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toContain('text/html')
    expect((await fetch(`${base}/..%2f..%2fetc%2fpasswd`)).status).toBe(404)
    expect((await fetch(`${base}/static/missing.js`)).status).toBe(404)
  })

  it('never answers 500 to client input and stays up', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ action: 'search', q: v })),
        ),
        async (raw) => {
          const { status, body } = await post('content', raw)
          expect([200, 400, 404, 413]).toContain(status)
          expect(typeof body.ok).toBe('boolean')
        },
      ),
      { numRuns: 150 },
    )
    expect((await post('content', { action: 'issues.list' })).status).toBe(200)
  })
})

/**
 * Sends a request as raw bytes (for targets fetch would refuse to send); resolves with its status,
 * or 0 when no answer comes within a second.
 */
const rawStatus = (request: string) =>
  new Promise<number>((resolve) => {
    const { port } = new URL(base)
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request))
    let reply = ''
    socket.setTimeout(1000, () => socket.destroy())
    socket.on('data', (chunk) => (reply += chunk.toString()))
    socket.on('error', () => undefined)
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0)))
  })

describe('hostile requests', () => {
  it('answers 404 for function names of every object, not a 500', async () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect((await post(name, { action: 'x' })).status).toBe(404)
  })

  it('answers 400 to a request target the URL parser refuses, and stays up', async () => {
    expect(await rawStatus('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toBe(400)
    expect((await post('content', { action: 'issues.list' })).status).toBe(200)
  })

  it('stores an upload whose file name header is broken percent-encoding', async () => {
    const res = await fetch(`${base}/storage/upload`, {
      method: 'POST',
      headers: {
        'x-file-name': '%E0%A4%A',
        'content-type': 'application/octet-stream',
        [CLIENT_HEADER]: 'test',
        'x-wx-openid': 'editor-1',
      },
      body: 'text',
    })
    expect(res.status).toBe(200)
  })
})

describe('rate limiting', () => {
  it('answers 429 past the per-minute budget', async () => {
    const limited = createLocalServer({
      cloud: createLocalCloud(null, []),
      staticRoot: null,
      rateLimitPerMinute: 3,
    })
    await new Promise<void>((r) => limited.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/api/content`
    const statuses: number[] = []
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 'test' },
            body: '{"action":"regions.list"}',
          })
        ).status,
      )
    await new Promise<void>((r) => limited.close(() => r()))
    expect(statuses).toEqual([200, 200, 200, 429, 429])
  })
})
