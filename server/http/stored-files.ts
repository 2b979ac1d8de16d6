import { readFileSync, statSync } from 'fs'
import type { ServerResponse } from 'http'
import path from 'path'
import { sniffMediaType } from '../../cloudfunctions/lib/import/sniff'
import type { LocalFileStorage } from '../stand-ins/wxacode-api'

/** Uploaded drafts: functions read them, clients never (as the production storage rules say). */
const PRIVATE_PREFIX = 'uploads/'

/** Largest stored file served (QR codes and posters are far smaller). */
const MAX_SERVED_BYTES = 8 * 1024 * 1024

const notServed = (res: ServerResponse, status: number, text: string): void => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  })
  res.end(text)
}

/**
 * `GET /storage/<path>` (`urlPath` the part after `/storage/`, still percent-encoded): a stored file as a download, never as a page of the app's origin. The
 * type comes from the bytes (an uploaded `.html` or `.svg` is served as text or bytes), with
 * `nosniff`, `attachment` and a sandboxing policy, so nothing stored can run as the app.
 */
export function serveStored(
  storage: LocalFileStorage,
  urlPath: string,
  res: ServerResponse,
  head: boolean,
): void {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return notServed(res, 404, 'not found')
  }
  // Normalized before the check, so `qrcodes/../uploads/…` is seen as what it opens.
  const cloudPath = path.posix.normalize(decoded).replace(/^\/+/, '')
  if (cloudPath === 'uploads' || cloudPath.startsWith(PRIVATE_PREFIX))
    return notServed(res, 403, 'uploaded files are not readable')
  const file = storage.pathOf(`cloud://local/${cloudPath}`)
  let bytes: Buffer
  try {
    const stat = file ? statSync(file) : null
    if (!file || !stat?.isFile() || stat.size > MAX_SERVED_BYTES)
      return notServed(res, 404, 'not found')
    bytes = readFileSync(file)
  } catch {
    return notServed(res, 404, 'not found')
  }
  res.writeHead(200, {
    'content-type': sniffMediaType(bytes),
    'content-length': bytes.length,
    'content-disposition': 'attachment',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-cache',
  })
  res.end(head ? undefined : bytes)
}
