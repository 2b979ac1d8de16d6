import { createHash } from 'crypto'
import { createReadStream, readFileSync, statSync } from 'fs'
import type { ServerResponse } from 'http'
import path from 'path'
import { ownEntry } from '../../core/own-entry'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/** Headers of every page and asset of the app: never framed, never type-sniffed. */
export const APP_SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
}

/** The hashes of a page's inline scripts (`<script>` without `src`), as CSP source expressions. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = []
  const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi
  for (let m = SCRIPT.exec(html); m !== null; m = SCRIPT.exec(html)) {
    if (/\bsrc\s*=/i.test(m[1])) continue
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`)
  }
  return hashes
}

/**
 * The page's Content-Security-Policy: scripts only from the app's origin plus the page's own
 * inline scripts by hash (the boot script of src/index.html), so a script that got onto the
 * origin some other way, or markup injected into a page, cannot run. Inline styles stay allowed:
 * the framework sets style attributes, and styles run no code.
 */
export const appPolicy = (html: string): string =>
  [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')

/** The policy of every file that is not a page (no inline script to allow): built once. */
const ASSET_POLICY = appPolicy('')

const policies = new Map<string, { key: string; policy: string }>()

/** The policy of an HTML file, computed once per version of the file. */
function policyOf(file: string, size: number, mtimeMs: number): string {
  const key = `${size}:${mtimeMs}`
  const known = policies.get(file)
  if (known?.key === key) return known.policy
  const policy = appPolicy(readFileSync(file, 'utf8'))
  policies.set(file, { key, policy })
  return policy
}

/** Serves a file of the h5 build; hashed assets are cached for good, index.html never. */
export function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  head: boolean,
): void {
  let rel: string
  try {
    rel = decodeURIComponent(urlPath)
  } catch {
    rel = '/'
  }
  if (rel === '/' || rel === '') rel = '/index.html'
  const file = path.resolve(root, `.${path.posix.normalize(rel)}`)
  let size = -1
  let mtimeMs = 0
  if (file.startsWith(root + path.sep)) {
    try {
      const stat = statSync(file)
      if (stat.isFile()) [size, mtimeMs] = [stat.size, stat.mtimeMs]
    } catch {
      size = -1
    }
  }
  if (size < 0) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...APP_SECURITY_HEADERS })
    res.end('not found')
    return
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file)
  let policy: string
  try {
    policy = path.extname(file) === '.html' ? policyOf(file, size, mtimeMs) : ASSET_POLICY
  } catch {
    policy = ASSET_POLICY
  }
  res.writeHead(200, {
    ...APP_SECURITY_HEADERS,
    'content-security-policy': policy,
    'content-type': ownEntry(TYPES, path.extname(file)) ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  })
  if (head) res.end()
  // The build may replace the file between stat and open; without a listener that error ends the process.
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
}
