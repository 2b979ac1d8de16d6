import { randomBytes } from 'crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import { MAX_ISSUE_FILE_BYTES } from '../../core/limits'
import { UPLOAD_TOKEN_BYTES, uploadCloudPath } from '../../core/uploads'
import {
  CLIENT_HEADER,
  HTTP_STATUS,
  MAX_BODY_BYTES,
  UPLOAD_CONTENT_TYPE,
  type ApiResponse,
  type ErrorCode,
} from '../../core/api/response'
import { SOURCE } from '../../cloudfunctions/lib/ports/context'
import type { LocalCloud } from '../local-cloud'
import { RateLimiter } from './rate-limiter'
import { serveStatic } from './static-files'
import { serveStored } from './stored-files'

export interface ServerOptions {
  cloud: LocalCloud
  /** The h5 build to serve; null serves the API only. */
  staticRoot: string | null
  rateLimitPerMinute: number
  now?: () => Date
  /** Where one-line notes on aborted and failed requests go (stderr). */
  log?: (line: string) => void
}

/** Where the local host listens unless `HOST` says otherwise: this machine only. */
export const DEFAULT_HOST = '127.0.0.1'

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  })
  res.end(payload)
}

const sendError = (res: ServerResponse, code: ErrorCode, message: string): void =>
  sendJson(res, HTTP_STATUS[code], { ok: false, error: { code, message } })

type Body = { kind: 'read'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' }

/**
 * Reads a request body up to `limit` bytes as received (whatever Content-Length claims): past the
 * limit it stops reading at once; a body the client gave up on is `aborted`.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length'])
  if (declared > limit) return Promise.resolve({ kind: 'too_large' })
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (body: Body): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('aborted', onAborted)
      resolve(body)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.pause()
      finish({ kind: 'too_large' })
    }
    const onEnd = (): void => finish({ kind: 'read', bytes: Buffer.concat(chunks, size) })
    const onAborted = (): void => finish({ kind: 'aborted' })
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('aborted', onAborted)
    // A reset connection also errors the request; `aborted` has reported it.
    req.on('error', () => finish({ kind: 'aborted' }))
  })
}

/**
 * Answers 413 without reading the rest of the body: the connection is closed once the answer is
 * out, so an endless upload costs no more than the limit.
 */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, message: string): void {
  res.setHeader('connection', 'close')
  // Half-close first, and drop the connection only once the client has had time to read the
  // answer: destroying a socket with unread request bytes sends a reset, which can make the
  // client's kernel discard the 413 before the client reads it. The rest of the body stays
  // unread (the request is paused at the limit), so waiting reads nothing more.
  res.on('finish', () => {
    req.socket.end()
    setTimeout(() => req.socket.destroy(), 1000).unref()
  })
  sendError(res, 'payload_too_large', message)
}

const parseUrl = (target: string | undefined): URL | null => {
  try {
    return new URL(target ?? '/', 'http://local')
  } catch {
    return null
  }
}

/** A percent-encoded header value, or the value as sent when its encoding is broken. */
const decodeOrKeep = (value: string): string => {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

const mediaType = (req: IncomingMessage): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase()

/**
 * Only the app's own requests: the given media type and the client header. A cross-site page can
 * POST `text/plain` or a form without asking, but any other type or a custom header makes the
 * browser ask first (a preflight), which this server never grants.
 */
function refusesCrossSite(req: IncomingMessage, res: ServerResponse, type: string): boolean {
  if (req.headers[CLIENT_HEADER] === undefined) {
    sendError(res, 'permission_denied', `requests must carry the ${CLIENT_HEADER} header`)
    return true
  }
  if (mediaType(req) !== type) {
    sendError(res, 'invalid_argument', `the body must be sent as ${type}`)
    return true
  }
  return false
}

/**
 * The local host: the h5 app and `POST /api/<function>` with body `{ action, ...input }`. The
 * `x-wx-openid` header stands for the WeChat context. HTTP status mirrors the error code; client
 * input never produces a 500 and never brings the process down.
 */
export function createLocalServer(options: ServerOptions): Server {
  const limiter = new RateLimiter(options.rateLimitPerMinute)
  const now = options.now ?? (() => new Date())
  const log = options.log ?? ((line: string) => console.error(line))

  const callerOf = (req: IncomingMessage): string | null => {
    const header = req.headers['x-wx-openid']
    return typeof header === 'string' && OPENID.test(header) ? header : null
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    // Own names only: `/api/constructor` must not reach Object.prototype.
    const fn = Object.hasOwn(options.cloud.functions, name)
      ? options.cloud.functions[name]
      : undefined
    if (!fn) return sendError(res, 'not_found', `no function ${name.slice(0, 40)}`)
    if (req.method !== 'POST') return sendError(res, 'not_found', 'functions are called with POST')
    if (refusesCrossSite(req, res, 'application/json')) return
    // The stand-in for the WeChat context: a call over HTTP is a client's (SOURCE `wx_client`);
    // a header that is not an OPENID is refused, never taken for an anonymous caller.
    const header = req.headers['x-wx-openid']
    if (header !== undefined && (typeof header !== 'string' || !OPENID.test(header)))
      return sendError(res, 'invalid_argument', 'x-wx-openid is not an OPENID')
    const body = await readBody(req, MAX_BODY_BYTES)
    if (body.kind === 'aborted') return log(`request aborted: POST /api/${name}`)
    if (body.kind === 'too_large')
      return refuseTooLarge(req, res, `request over ${MAX_BODY_BYTES / 1024} KB`)
    let event: unknown
    try {
      event = body.bytes.length ? JSON.parse(body.bytes.toString('utf8')) : {}
    } catch {
      return sendError(res, 'invalid_argument', 'the body is not JSON')
    }
    // Checked above: a header present is an OPENID.
    const result = await fn(event, { openid: header ?? null, now, source: SOURCE.client })
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result)
  }

  /**
   * `POST /storage/upload` (header `x-file-name`): the stand-in of `wx.cloud.uploadFile`, which
   * the editors' desk uses to hand a file to a function by its file id. Editors only (the caller
   * as the server resolves it, checked before a byte of the body is read); each file gets a new
   * name holding 128 random bits and never replaces another.
   */
  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 'not_found', 'upload with POST')
    if (refusesCrossSite(req, res, UPLOAD_CONTENT_TYPE)) return
    const caller = callerOf(req)
    if (!caller || !(await options.cloud.admins.isAdmin(caller)))
      return sendError(res, 'permission_denied', 'only editors may upload files')
    const header = req.headers['x-file-name']
    const name = typeof header === 'string' ? decodeOrKeep(header) : 'upload'
    const body = await readBody(req, MAX_ISSUE_FILE_BYTES)
    if (body.kind === 'aborted') return log('request aborted: POST /storage/upload')
    if (body.kind === 'too_large') return refuseTooLarge(req, res, 'files are limited to 5 MB')
    if (body.bytes.length === 0) return sendError(res, 'invalid_argument', 'the file is empty')
    const cloudPath = uploadCloudPath(name, randomBytes(UPLOAD_TOKEN_BYTES).toString('hex'))
    const { fileID } = await options.cloud.storage.create(cloudPath, body.bytes)
    sendJson(res, 200, { ok: true, data: { fileID } })
  }

  return createServer((req, res) => {
    const url = parseUrl(req.url)
    // A target the URL parser refuses (`//[`) would otherwise throw outside any handler and end the process.
    if (!url) return sendError(res, 'invalid_argument', 'malformed request URL')
    const api = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
    const storage = url.pathname.startsWith('/storage/')
    // Keyed by the connecting address: headers are the client's to choose.
    if ((api || storage) && !limiter.allow(req.socket.remoteAddress ?? ''))
      return sendError(res, 'rate_limited', 'too many requests; try again in a minute')
    const reading = req.method === 'GET' || req.method === 'HEAD'
    const work = api
      ? handleApi(req, res, api[1])
      : url.pathname === '/storage/upload'
        ? handleUpload(req, res)
        : Promise.resolve(
            !reading
              ? sendError(res, 'not_found', 'not found')
              : storage
                ? serveStored(
                    options.cloud.storage,
                    url.pathname.slice('/storage/'.length),
                    res,
                    req.method === 'HEAD',
                  )
                : options.staticRoot
                  ? serveStatic(options.staticRoot, url.pathname, res, req.method === 'HEAD')
                  : sendError(res, 'not_found', 'not found'),
          )
    work.catch((e: unknown) => {
      log(`request failed: ${req.method} ${url.pathname}: ${(e as Error)?.message ?? String(e)}`)
      if (!res.headersSent) sendError(res, 'internal', 'the service failed; try again')
      else res.destroy()
    })
  })
}
