import { createServer } from 'http'
import { mkdtempSync, unlinkSync, writeFileSync } from 'fs'
import type { AddressInfo } from 'net'
import os from 'os'
import path from 'path'
import { serveStatic } from '../../../server/http/static-files'

describe('serveStatic', () => {
  it('survives a file removed between its stat and its read (a rebuild under way)', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'h5-'))
    const file = path.join(root, 'app.js')
    let requests = 0
    const server = createServer((_req, res) => {
      writeFileSync(file, 'ok')
      serveStatic(root, '/app.js', res, false)
      if (++requests === 1) unlinkSync(file)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/app.js`
    try {
      // That answer is cut short; the process goes on serving.
      await expect(fetch(url).then((res) => res.text())).rejects.toThrow()
      expect(await (await fetch(url)).text()).toBe('ok')
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})
