/**
 * The store's group commit: a write resolves once the flush that covers it is done, even while
 * later writes keep the flushing going (it used to wait until no write was left to flush).
 */
import { mkdtempSync } from 'fs'
import { open } from 'fs/promises'
import os from 'os'
import path from 'path'
import { EmbeddedDatabase } from '../../../server/store/embedded-database'

type Loose = { _id: string; [field: string]: unknown }

describe('group commit', () => {
  it('resolves a write once its own flush is done, while a later write is still being flushed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'group-commit-'))
    // Every flush of a store file waits until the test lets it finish.
    const probe = await open(path.join(dir, 'probe'), 'w')
    const proto = Object.getPrototypeOf(probe) as { datasync: () => Promise<void> }
    await probe.close()
    const original = proto.datasync
    const held: (() => void)[] = []
    const spy = jest.spyOn(proto, 'datasync').mockImplementation(function (this: unknown) {
      return original.call(this).then(() => new Promise<void>((r) => held.push(r)))
    })
    const db = new EmbeddedDatabase(dir)
    try {
      const col = db.collection<Loose>('items')
      const settled: string[] = []
      const until = async (n: number) => {
        while (held.length < n) await new Promise((r) => setTimeout(r, 5))
      }
      const first = col.add({ data: { _id: 'a' } }).then(() => settled.push('a'))
      await until(1)
      const second = col.add({ data: { _id: 'b' } }).then(() => settled.push('b'))
      // The first flush ends; the second write's flush starts and is held.
      held.shift()?.()
      await until(1)
      await first
      expect(settled).toEqual(['a'])
      held.shift()?.()
      await second
      expect(settled).toEqual(['a', 'b'])
    } finally {
      spy.mockRestore()
      for (const release of held.splice(0)) release()
      await db.close()
    }
  })
})
