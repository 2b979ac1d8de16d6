import path from 'path'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http'
import { MAX_ISSUE_FILE_BYTES } from '../../core/limits'
import { uploadCloudPath } from '../../core/uploads'
import {
  HTTP_STATUS,
  MAX_BODY_BYTES,
  type ApiResponse,
  type ErrorCode,
} from '../../core/api/response'
import { SOURCE } from '../../cloudfunctions/lib/ports/context'
import type { LocalCloud } from '../local-cloud'
import { RateLimiter } from './rate-limiter'
import { serveStatic } from './static-files'

export interface ServerOptions {
  cloud: LocalCloud
  /** The h5 build to serve; null serves the API only. */
  staticRoot: string | null
  rateLimitPerMinute: number
  now?: () => Date
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

function sendJson(res: ServerResponse, status: number, body: ApiResponse<unknown>): void {
  const payload = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  })
  res.end(payload)
}

const sendError = (res: ServerResponse, code: ErrorCode, message: string): void =>
  sendJson(res, HTTP_STATUS[code], { ok: false, error: { code, message } })

/** Reads a request body up to the limit; null when it is larger. */
function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) over = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
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

/**
 * The local host: the h5 app and `POST /api/<function>` with body `{ action, ...input }`. The
 * `x-wx-openid` header stands for the WeChat context. HTTP status mirrors the error code; client
 * input never produces a 500 and never brings the process down.
 */
export function createLocalServer(options: ServerOptions): Server {
  const limiter = new RateLimiter(options.rateLimitPerMinute)
  const now = options.now ?? (() => new Date())

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    // Own names only: `/api/constructor` must not reach Object.prototype.
    const fn = Object.hasOwn(options.cloud.functions, name)
      ? options.cloud.functions[name]
      : undefined
    if (!fn) return sendError(res, 'not_found', `no function ${name.slice(0, 40)}`)
    if (req.method !== 'POST') return sendError(res, 'not_found', 'functions are called with POST')
    // The stand-in for the WeChat context: a call over HTTP is a client's (SOURCE `wx_client`);
    // a header that is not an OPENID is refused, never taken for an anonymous caller.
    const header = req.headers['x-wx-openid']
    if (header !== undefined && (typeof header !== 'string' || !OPENID.test(header)))
      return sendError(res, 'invalid_argument', 'x-wx-openid is not an OPENID')
    const openid = header ?? null
    if (!limiter.allow(`${req.socket.remoteAddress}|${openid ?? ''}`))
      return sendError(res, 'rate_limited', 'too many requests; try again in a minute')
    const body = await readBody(req)
    if (body === null)
      return sendError(res, 'payload_too_large', `request over ${MAX_BODY_BYTES / 1024} KB`)
    let event: unknown
    try {
      event = body.length ? JSON.parse(body.toString('utf8')) : {}
    } catch {
      return sendError(res, 'invalid_argument', 'the body is not JSON')
    }
    const result = await fn(event, { openid, now, source: SOURCE.client })
    sendJson(res, result.ok ? 200 : HTTP_STATUS[result.error.code], result)
  }

  /**
   * `POST /storage/upload` (header `x-file-name`): the stand-in of `wx.cloud.uploadFile`, which
   * the mini-program uses to hand an editor's file to a function by its file id.
   */
  async function handleUpload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendError(res, 'not_found', 'upload with POST')
    const header = req.headers['x-file-name']
    const name = typeof header === 'string' ? decodeOrKeep(header) : 'upload'
    const body = await readBody(req, MAX_ISSUE_FILE_BYTES)
    if (body === null) return sendError(res, 'payload_too_large', 'files are limited to 5 MB')
    if (body.length === 0) return sendError(res, 'invalid_argument', 'the file is empty')
    const { fileID } = await options.cloud.storage.upload(uploadCloudPath(name), body)
    sendJson(res, 200, { ok: true, data: { fileID } })
  }

  return createServer((req, res) => {
    const url = parseUrl(req.url)
    // A target the URL parser refuses (`//[`) would otherwise throw outside any handler and end the process.
    if (!url) return sendError(res, 'invalid_argument', 'malformed request URL')
    const api = /^\/api\/([A-Za-z0-9_-]+)\/?$/.exec(url.pathname)
    const stored = url.pathname.startsWith('/storage/')
      ? options.cloud.storage.pathOf(`cloud://local/${url.pathname.slice(9)}`)
      : null
    const work = api
      ? handleApi(req, res, api[1])
      : url.pathname === '/storage/upload'
        ? handleUpload(req, res)
        : stored
          ? Promise.resolve(
              serveStatic(
                path.dirname(stored),
                `/${path.basename(stored)}`,
                res,
                req.method === 'HEAD',
              ),
            )
          : Promise.resolve(
              options.staticRoot && (req.method === 'GET' || req.method === 'HEAD')
                ? serveStatic(options.staticRoot, url.pathname, res, req.method === 'HEAD')
                : sendError(res, 'not_found', 'not found'),
            )
    work.catch((e) => {
      console.error('request failed:', e)
      if (!res.headersSent) sendError(res, 'internal', 'the service failed; try again')
      else res.destroy()
    })
  })
}
