/**
 * A store whose file could not be opened for a write (too many open files, a full or read-only
 * disk for a moment): the write whose lines did not reach the file fails, even when the failure
 * came before its caller asked (it used to resolve then, so the caller believed a write that was
 * not in the file), and the next write opens the file again (it used to fail every write after it
 * until a restart).
 */
import { mkdtempSync } from 'fs'
import * as fsPromises from 'fs/promises'
import os from 'os'
import path from 'path'
import { EmbeddedDatabase } from '../../../server/store/embedded-database'

jest.mock('fs/promises', () => {
  const actual = jest.requireActual<typeof fsPromises>('fs/promises')
  return { ...actual, open: jest.fn(actual.open) }
})

type Loose = { _id: string; [field: string]: unknown }

it('opens the file again for the next write after opening it failed', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'store-open-'))
  const open = jest.mocked(fsPromises.open)
  const realOpen = jest.requireActual<typeof fsPromises>('fs/promises').open
  let appends = 0
  // The first time the items file is opened to append, the system refuses (too many files).
  open.mockImplementation(((file, flags, mode) => {
    if (String(file).endsWith('items.db') && flags === 'a' && appends++ === 0)
      return Promise.reject(
        Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' }),
      )
    return realOpen(file, flags, mode)
  }) as typeof realOpen)
  const db = new EmbeddedDatabase(dir)
  try {
    const col = db.collection<Loose>('items')
    await expect(col.add({ data: { _id: 'a' } })).rejects.toThrow(/EMFILE/)
    await col.add({ data: { _id: 'b' } })
    expect(appends).toBe(2)
  } finally {
    await db.close()
  }
  // What was acknowledged is in the file: a store opened on it again holds `b`.
  const again = new EmbeddedDatabase(dir)
  try {
    const { data } = await again.collection<Loose>('items').where({ _id: 'b' }).get()
    expect(data).toHaveLength(1)
  } finally {
    await again.close()
  }
})
