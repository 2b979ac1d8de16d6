import { createReadStream, statSync } from 'fs'
import type { ServerResponse } from 'http'
import path from 'path'

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
  if (file.startsWith(root + path.sep)) {
    try {
      const stat = statSync(file)
      if (stat.isFile()) size = stat.size
    } catch {
      size = -1
    }
  }
  if (size < 0) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('not found')
    return
  }
  const hashed = /\.[0-9a-f]{8}\.(js|css)$/.test(file)
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  if (head) res.end()
  // The build may replace the file between stat and open; without a listener that error ends the process.
  else
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res)
}
