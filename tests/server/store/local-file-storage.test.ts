import { existsSync, mkdtempSync } from 'fs'
import os from 'os'
import path from 'path'

import { LocalFileStorage } from '../../../server/stand-ins/wxacode-api'

describe('the cloud storage stand-in', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'storage-'))
  const storage = new LocalFileStorage(dir)

  it('keeps a file under its cloud path and gives it back by file id', async () => {
    const { fileID } = await storage.upload('uploads/a/../issue.txt', Buffer.from('第 6 期'))
    expect(fileID).toBe('cloud://local/uploads/issue.txt')
    expect(Buffer.from(await storage.download(fileID)).toString()).toBe('第 6 期')
    expect(storage.pathOf(fileID)).toBe(path.join(dir, 'storage', 'uploads', 'issue.txt'))
  })

  it('never reaches outside its folder, whatever the path or id says', async () => {
    for (const cloudPath of [
      '../escaped.txt',
      'uploads/../../escaped.txt',
      '/tmp/escaped.txt',
      '..',
    ])
      await expect(storage.upload(cloudPath, Buffer.from('x'))).rejects.toThrow(/invalid cloudPath/)
    expect(existsSync(path.join(dir, 'escaped.txt'))).toBe(false)
    for (const fileID of [
      'cloud://local/../server.json',
      'cloud://local/..',
      'cloud://other/x.txt',
    ])
      await expect(storage.download(fileID)).rejects.toThrow(/invalid fileID/)
  })
})
