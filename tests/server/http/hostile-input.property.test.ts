/**
 * Random and hostile input against the whole local host: every action of every function with
 * arbitrary fields, as nobody, a reader and an editor; arbitrary upload names and bodies;
 * arbitrary storage paths; randomly damaged store files. The server answers each with the
 * envelope and a 4xx at worst, never follows a path out of storage, never serves markup, and a
 * damaged store never loses a document unseen.
 */
import fc from 'fast-check'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'fs'
import type { Server } from 'http'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import type { ZodDiscriminatedUnion, ZodObject, ZodRawShape, ZodTypeAny } from 'zod'
import { contentInput } from '../../../core/api/content'
import { notifyInput } from '../../../core/api/notify'
import { publishInput } from '../../../core/api/publish'
import { qrcodeInput } from '../../../core/api/qrcode'
import { CLIENT_HEADER } from '../../../core/api/response'
import { subscriptionInput } from '../../../core/api/subscription'
import { createLocalServer } from '../../../server/http/server'
import { createLocalCloud, type LocalCloud } from '../../../server/local-cloud'
import { EmbeddedDatabase } from '../../../server/store/embedded-database'
import { publishIssue } from '../../../cloudfunctions/lib/publishing/publish-issue'
import { demoParsed } from '../../fixtures/published-store'

const EDITOR = 'editor-1'
let cloud: LocalCloud
let server: Server
let base: string
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'hostile-input-'))
  cloud = createLocalCloud(dataDir, [EDITOR], { kickOnPublish: false })
  for (const parsed of demoParsed()) await publishIssue(cloud.db, parsed, new Date())
  server = createLocalServer({ cloud, staticRoot: null, rateLimitPerMinute: 0, log: () => {} })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()))
  await cloud.db.close()
})

type Union = ZodDiscriminatedUnion<'action', ZodObject<{ action: ZodTypeAny } & ZodRawShape>[]>
const FUNCTIONS: Record<string, Union> = {
  content: contentInput as unknown as Union,
  publish: publishInput as unknown as Union,
  subscription: subscriptionInput as unknown as Union,
  notify: notifyInput as unknown as Union,
  qrcode: qrcodeInput as unknown as Union,
}

/** Every `function/action` pair the contracts declare, with the field names each takes. */
const ACTIONS = Object.entries(FUNCTIONS).flatMap(([fn, union]) =>
  union.options.map((option) => ({
    fn,
    action: (option.shape.action as unknown as { value: string }).value,
    fields: Object.keys(option.shape).filter((k) => k !== 'action'),
  })),
)

const CALLERS = [null, 'reader-1', EDITOR]

/** Field values that stress parsers: JSON of any shape, long and odd strings, ids of every kind. */
const hostileValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'i280',
    'i280-01',
    'i999999',
    '../../etc/passwd',
    'cloud://local/../server.json',
    'cloud://local/uploads/x',
    '\u0000',
    '𠮷'.repeat(50),
  ),
  fc.integer(),
  fc.double(),
)

async function call(fn: string, body: string, openid: string | null) {
  const res = await fetch(`${base}/api/${fn}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CLIENT_HEADER]: 'test',
      ...(openid ? { 'x-wx-openid': openid } : {}),
    },
    body,
  })
  return { status: res.status, body: (await res.json()) as unknown }
}

const isEnvelope = (v: unknown): boolean => {
  const e = v as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown } }
  return e?.ok === true
    ? 'data' in e
    : e?.ok === false && typeof e.error?.code === 'string' && typeof e.error.message === 'string'
}

describe('every action of every function', () => {
  it('lists the actions it attacks', () => {
    expect(ACTIONS.length).toBeGreaterThanOrEqual(15)
    expect(ACTIONS.map((a) => `${a.fn}/${a.action}`)).toContain('publish/issues.publish')
  })

  it.each(ACTIONS.map((a) => [`${a.fn} ${a.action}`, a] as const))(
    '%s answers random fields with the envelope and never a 5xx',
    async (_name, { fn, action, fields }) => {
      const names = fc.constantFrom(...fields, 'openid', '__proto__', 'constructor', 'extra')
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(names, hostileValue, { maxKeys: 5 }),
          fc.constantFrom(...CALLERS),
          async (input, openid) => {
            const { status, body } = await call(fn, JSON.stringify({ ...input, action }), openid)
            expect(status).toBeLessThan(500)
            expect(isEnvelope(body)).toBe(true)
          },
        ),
        { numRuns: 15 },
      )
    },
  )

  it('answers raw junk bodies to every function with a 4xx envelope', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FUNCTIONS)),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.uint8Array().map((b) => Buffer.from(b).toString('latin1')),
        ),
        async (fn, raw) => {
          const { status, body } = await call(fn, raw, EDITOR)
          expect(status).toBeLessThan(500)
          expect(isEnvelope(body)).toBe(true)
        },
      ),
      { numRuns: 60 },
    )
  })
})

describe('uploads', () => {
  it('store any name and body under a fresh name inside uploads/, or refuse with a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('../../server.json', '/etc/passwd', 'a/../../b', '')),
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom(...CALLERS),
        async (name, bytes, openid) => {
          let header: string
          try {
            header = encodeURIComponent(name)
          } catch {
            header = 'x'
          }
          const res = await fetch(`${base}/storage/upload`, {
            method: 'POST',
            headers: {
              'content-type': 'application/octet-stream',
              [CLIENT_HEADER]: 'test',
              'x-file-name': header,
              ...(openid ? { 'x-wx-openid': openid } : {}),
            },
            body: new Uint8Array(bytes),
          })
          expect(res.status).toBeLessThan(500)
          const body = (await res.json()) as { ok: boolean; data?: { fileID: string } }
          if (openid !== EDITOR) expect(res.status).toBe(403)
          if (body.ok) {
            expect(body.data!.fileID).toMatch(/^cloud:\/\/local\/uploads\/[0-9a-f]{32}-[^/]*$/)
            const stored = cloud.storage.pathOf(body.data!.fileID)!
            expect(stored.startsWith(path.join(dataDir, 'storage', 'uploads') + path.sep)).toBe(
              true,
            )
            expect(readFileSync(stored)).toEqual(Buffer.from(bytes))
          }
        },
      ),
      { numRuns: 80 },
    )
  })
})

describe('storage paths', () => {
  it('never serve a file outside storage, an upload, or anything as markup', async () => {
    const outside = path.join(dataDir, 'server.json')
    writeFileSync(outside, '{"operatorOpenid":"secret-operator"}')
    const qr = path.join(dataDir, 'storage', 'qrcodes')
    mkdirSync(qr, { recursive: true })
    writeFileSync(path.join(qr, 'page.html'), '<html><script>alert(1)</script>')
    symlinkSync(outside, path.join(qr, 'linked.json'))
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2e',
        'uploads',
        'qrcodes',
        'page.html',
        'linked.json',
        'server.json',
        '%2f',
        '%00',
        '',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), async (parts) => {
        const res = await fetch(`${base}/storage/${parts.join('/')}`)
        expect(res.status).toBeLessThan(500)
        const text = await res.text()
        expect(text).not.toContain('secret-operator')
        expect(res.headers.get('content-type') ?? '').not.toMatch(/html|svg|javascript|xml/)
        if (res.status === 200) expect(res.headers.get('content-disposition')).toBe('attachment')
      }),
      { numRuns: 150 },
    )
  })
})

describe('damaged store files', () => {
  /** A closed store of `n` documents; its file's lines. */
  async function sealed(n: number) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'damaged-'))
    const db = new EmbeddedDatabase(dir)
    for (let i = 0; i < n; i++)
      await db
        .collection('items')
        .add({ data: { _id: `d${i}`, text: `第${i}条 ${'字'.repeat(i)}` } })
    await db.close()
    const file = path.join(dir, 'items.db')
    return { dir, file, bytes: readFileSync(file) }
  }

  it('either refuse to open, naming file and line, or load every document whose line is whole; repair loses nothing', async () => {
    const { bytes } = await sealed(6)
    const lineOf = (offset: number): number =>
      bytes.subarray(0, offset).filter((b) => b === 0x0a).length + 1
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({
            kind: fc.constant('flip' as const),
            at: fc.nat(bytes.length - 1),
            byte: fc.integer({ min: 0, max: 255 }),
          }),
          fc.record({ kind: fc.constant('cut' as const), at: fc.nat(bytes.length - 1) }),
        ),
        async (damage) => {
          const dir = mkdtempSync(path.join(os.tmpdir(), 'damaged-'))
          const file = path.join(dir, 'items.db')
          const changed = Buffer.from(bytes)
          if (damage.kind === 'flip') changed[damage.at] = damage.byte
          writeFileSync(file, damage.kind === 'cut' ? changed.subarray(0, damage.at) : changed)
          const touched = lineOf(damage.at)
          // A newline changed joins two lines: the next one is touched too.
          const joined = damage.kind === 'flip' && bytes[damage.at] === 0x0a ? touched + 1 : touched
          // A change that leaves valid JSON with another document's id cannot be told from an
          // update of that document (the file is a log): outside what a line check can see.
          const line = changed.toString('latin1').split('\n')[touched - 1] ?? ''
          let id: unknown = null
          try {
            id = (JSON.parse(Buffer.from(line, 'latin1').toString('utf8')) as { _id?: unknown })._id
          } catch {
            id = null
          }
          fc.pre(!(damage.kind === 'flip' && typeof id === 'string' && id !== `d${touched - 1}`))
          const whole = Array.from({ length: 6 }, (_, i) => i).filter(
            (i) =>
              i + 1 !== touched && i + 1 !== joined && (damage.kind === 'flip' || i + 1 < touched),
          )
          const log: string[] = []
          const db = new EmbeddedDatabase(dir, {}, { log: (l) => log.push(l) })
          const opened = await db.openAll().then(
            () => null,
            (e: Error) => e,
          )
          if (opened) {
            expect(opened.message).toContain(file)
            expect(opened.message).toMatch(new RegExp(`damaged line.*\\b${touched}\\b`))
            const repaired = new EmbeddedDatabase(
              dir,
              {},
              { repair: true, log: (l) => log.push(l) },
            )
            const ids = (await repaired.collection('items').get()).data.map((d) => d._id)
            for (const i of whole) expect(ids).toContain(`d${i}`)
            expect(readdirSync(dir)).toContain('items.db.quarantine')
            await repaired.close()
          } else {
            const ids = (await db.collection('items').get()).data.map((d) => d._id)
            for (const i of whole) expect(ids).toContain(`d${i}`)
            // A cut line was moved aside and said so.
            if (damage.kind === 'cut' && bytes[damage.at - 1] !== 0x0a && damage.at > 0)
              expect(log.join('\n')).toMatch(/unfinished write/)
            await db.close()
          }
        },
      ),
      { numRuns: 120 },
    )
  })
})
