/**
 * What a hostile page or client may try against the local host: uploading without being an
 * editor, guessing or overwriting uploads, getting script onto the app's origin, cross-site
 * requests, rotating identities past the rate limit, endless bodies.
 */
import { spawnSync } from 'child_process'
import { mkdirSync, symlinkSync, writeFileSync } from 'fs'
import { createHash } from 'crypto'
import type { Server } from 'http'
import { connect, type AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import { mkdtempSync } from 'fs'
import { CLIENT_HEADER } from '../../../core/api/response'
import { createLocalServer } from '../../../server/http/server'
import { rateLimitFromEnv, RateLimiter } from '../../../server/http/rate-limiter'
import { createLocalCloud, type LocalCloud } from '../../../server/local-cloud'
import { WxacodeStandIn } from '../../../server/stand-ins/wxacode-api'

const EDITOR = 'editor-1'
const INLINE = "console.log('boot')"
const staticRoot = mkdtempSync(path.join(os.tmpdir(), 'h5-'))
writeFileSync(
  path.join(staticRoot, 'index.html'),
  `<!doctype html><title>reader</title><script>${INLINE}</script><script src="/js/app.js"></script>`,
)

let cloud: LocalCloud
let server: Server
let base: string
const logged: string[] = []

async function listen(s: Server): Promise<string> {
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

beforeAll(async () => {
  cloud = createLocalCloud(null, [EDITOR])
  server = createLocalServer({
    cloud,
    staticRoot,
    rateLimitPerMinute: 0,
    log: (line) => logged.push(line),
  })
  base = await listen(server)
})

afterAll(() => new Promise<void>((r) => server.close(() => r())))

const upload = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/storage/upload`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      [CLIENT_HEADER]: 'test',
      'x-file-name': 'issue.txt',
      ...headers,
    },
    body,
  })

describe('uploads', () => {
  it('are refused to anyone who is not an editor, as the server resolves the caller', async () => {
    expect((await upload('page')).status).toBe(403)
    expect((await upload('page', { 'x-wx-openid': 'reader-1' })).status).toBe(403)
    expect((await upload('page', { 'x-wx-openid': EDITOR })).status).toBe(200)
  })

  it('get names with 128 random bits, never collide, and each uploader reads back their own bytes', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const res = await upload(`file ${i}`, { 'x-wx-openid': EDITOR })
        return ((await res.json()) as { data: { fileID: string } }).data.fileID
      }),
    )
    expect(new Set(answers).size).toBe(50)
    for (const id of answers)
      expect(id).toMatch(/^cloud:\/\/local\/uploads\/[0-9a-f]{32}-issue\.txt$/)
    const contents = await Promise.all(
      answers.map(async (id) => Buffer.from(await cloud.storage.download(id)).toString()),
    )
    expect(contents.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `file ${i}`).sort())
    for (let i = 0; i < 50; i++)
      expect(Buffer.from(await cloud.storage.download(answers[i])).toString()).toBe(`file ${i}`)
  })

  it('cannot be read back over HTTP, however the path is spelt', async () => {
    const res = await upload('<script>alert(1)</script>', {
      'x-wx-openid': EDITOR,
      'x-file-name': 'evil.html',
    })
    const { data } = (await res.json()) as { data: { fileID: string } }
    const stored = data.fileID.replace('cloud://local/', '')
    for (const target of [
      `/storage/${stored}`,
      `/storage/qrcodes/../${stored}`,
      `/storage/qrcodes/%2e%2e/${stored}`,
      `/storage/${stored.replace('uploads/', 'uploads%2f')}`,
      `/storage//${stored}`,
    ]) {
      const got = await fetch(`${base}${target}`)
      expect([403, 404]).toContain(got.status)
      expect(await got.text()).not.toContain('<script>')
    }
  })
})

describe('stored files', () => {
  const put = (cloudPath: string, content: string) =>
    cloud.storage.upload(cloudPath, Buffer.from(content))

  it('are served as downloads with a type from their bytes, never as a page, image or script', async () => {
    await put('qrcodes/page.html', '<!doctype html><script>alert(1)</script>')
    await put(
      'qrcodes/image.svg',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>',
    )
    await put('qrcodes/code.js', 'alert(1)')
    for (const name of ['page.html', 'image.svg', 'code.js']) {
      const res = await fetch(`${base}/storage/qrcodes/${name}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8')
      expect(res.headers.get('content-disposition')).toBe('attachment')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      expect(res.headers.get('content-security-policy')).toContain('sandbox')
    }
  })

  it('serve a PNG as image/png (the QR codes the app shows)', async () => {
    const code = await new WxacodeStandIn(['pages/latest/index']).getUnlimited({
      page: 'pages/latest/index',
      scene: 'i280',
    })
    if (!('buffer' in code) || !code.buffer) throw new Error(code.errMsg)
    const { fileID } = await cloud.storage.upload('qrcodes/i280.png', code.buffer)
    const res = await fetch(`${base}/storage/${fileID.replace('cloud://local/', '')}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
  })

  it('never follow a symlink placed inside storage', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'outside-'))
    writeFileSync(path.join(outside, 'secret.txt'), 'secret')
    const dir = path.dirname(cloud.storage.pathOf('cloud://local/qrcodes/x')!)
    mkdirSync(dir, { recursive: true })
    symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'))
    symlinkSync(outside, path.join(dir, 'linked-dir'))
    for (const target of ['/storage/qrcodes/link.txt', '/storage/qrcodes/linked-dir/secret.txt']) {
      const res = await fetch(`${base}${target}`)
      expect(res.status).toBe(404)
      expect(await res.text()).not.toContain('secret')
    }
    await expect(cloud.storage.download('cloud://local/qrcodes/link.txt')).rejects.toThrow()
  })
})

describe('the h5 app', () => {
  it('is served with a policy allowing its own inline script by hash and no framing', async () => {
    const res = await fetch(`${base}/`)
    const policy = res.headers.get('content-security-policy') ?? ''
    const hash = createHash('sha256').update(INLINE).digest('base64')
    expect(policy).toContain(`script-src 'self' 'sha256-${hash}'`)
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/)
    expect(policy).toContain("frame-ancestors 'none'")
    expect(policy).toContain("object-src 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('cross-site requests', () => {
  it('refuses the requests a page of another site can send without a preflight', async () => {
    const simple = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'multipart/form-data; boundary=x' },
    ]
    for (const headers of simple) {
      const api = await fetch(`${base}/api/content`, {
        method: 'POST',
        headers,
        body: '{"action":"regions.list"}',
      })
      expect(api.status).not.toBe(200)
      const file = await fetch(`${base}/storage/upload`, {
        method: 'POST',
        headers: { ...headers, 'x-wx-openid': EDITOR },
        body: 'x',
      })
      expect(file.status).not.toBe(200)
    }
    // The media type alone is not enough: without the client header a form post could be made.
    const noHeader = await fetch(`${base}/api/content`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"action":"regions.list"}',
    })
    expect(noHeader.status).toBe(403)
    const ok = await fetch(`${base}/api/content`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', [CLIENT_HEADER]: 'x' },
      body: '{"action":"regions.list"}',
    })
    expect(ok.status).toBe(200)
  })
})

describe('rate limits', () => {
  it('count per connecting address, whatever openid the requests claim, storage included', async () => {
    const limited = createLocalServer({ cloud, staticRoot: null, rateLimitPerMinute: 5 })
    const url = await listen(limited)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await fetch(`${url}/api/content`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              [CLIENT_HEADER]: 't',
              'x-wx-openid': `rotating-${i}`,
            },
            body: '{"action":"regions.list"}',
          })
        ).status,
      )
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${url}/storage/qrcodes/none-${i}.png`)).status)
    await new Promise<void>((r) => limited.close(() => r()))
    expect(statuses).toEqual([200, 200, 200, 200, 404, 429, 429])
  })

  it('stop npm start with one line when the setting is not a whole number', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: path.resolve(__dirname, '../../..'),
      env: {
        ...process.env,
        RATE_LIMIT_PER_MINUTE: 'abc',
        DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'rl-')),
      },
      encoding: 'utf8',
      timeout: 30000,
    })
    expect(run.status).toBe(1)
    expect(run.stderr.trim()).toBe(
      'error: RATE_LIMIT_PER_MINUTE must be a whole number of requests (0 turns the limit off), not "abc"',
    )
  })

  it('refuses a setting that is not a whole number, instead of refusing every request', () => {
    expect(rateLimitFromEnv(undefined)).toBe(1200)
    expect(rateLimitFromEnv('0')).toBe(0)
    expect(rateLimitFromEnv(' 30 ')).toBe(30)
    for (const bad of ['abc', '-1', '1.5', '1e3', 'NaN'])
      expect(() => rateLimitFromEnv(bad)).toThrow(/RATE_LIMIT_PER_MINUTE.*not "/)
    expect(() => new RateLimiter(Number('abc'))).toThrow()
  })
})

/** Writes `total` bytes of body as fast as the server takes them; resolves with what was written and the status line. */
function endlessBody(target: string, headers: string, total: number) {
  return new Promise<{ written: number; status: number }>((resolve) => {
    const { port } = new URL(base)
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let written = 0
    let reply = ''
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST ${target} HTTP/1.1\r\nHost: x\r\n${headers}Transfer-Encoding: chunked\r\n\r\n`,
      )
      const pump = (): void => {
        while (written < total && !socket.destroyed) {
          written += chunk.length
          socket.write(`${chunk.length.toString(16)}\r\n`)
          socket.write(chunk)
          if (!socket.write('\r\n')) return void socket.once('drain', pump)
        }
      }
      pump()
    })
    socket.on('data', (d) => (reply += d.toString()))
    socket.on('error', () => undefined)
    socket.on('close', () =>
      resolve({ written, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0) }),
    )
  })
}

describe('request bodies', () => {
  it('over the limit are cut off near the limit with 413, not read to their end', async () => {
    const json = `content-type: application/json\r\n${CLIENT_HEADER}: t\r\n`
    const api = await endlessBody('/api/content', json, 512 * 1024 * 1024)
    expect(api.status).toBe(413)
    expect(api.written).toBeLessThan(64 * 1024 * 1024)
    const file = `content-type: application/octet-stream\r\n${CLIENT_HEADER}: t\r\nx-wx-openid: ${EDITOR}\r\n`
    const up = await endlessBody('/storage/upload', file, 512 * 1024 * 1024)
    expect(up.status).toBe(413)
    expect(up.written).toBeLessThan(64 * 1024 * 1024)
  })

  it('are measured in bytes received: a deeply nested body under the limit is not "too large"', async () => {
    const depth = 40000
    const body = `{"action":"search","q":${'['.repeat(depth)}${']'.repeat(depth)}}`
    expect(body.length).toBeLessThan(100 * 1024)
    const res = await fetch(`${base}/api/content`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CLIENT_HEADER]: 't' },
      body,
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_argument')
  })

  it('given up by the client leave one log line, not a stack trace', async () => {
    logged.length = 0
    await new Promise<void>((resolve) => {
      const { port } = new URL(base)
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /api/content HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\n${CLIENT_HEADER}: t\r\nContent-Length: 1000\r\n\r\n{"act`,
        )
        setTimeout(() => socket.destroy(), 100)
      })
      socket.on('close', () => setTimeout(resolve, 200))
    })
    expect(logged).toHaveLength(1)
    expect(logged[0]).not.toContain('\n')
    expect(logged[0]).toContain('/api/content')
  })
})
