/**
 * Damaged store files: nothing disappears unseen. A damaged line stops the store from opening
 * (file, line, count named) unless repair is asked for, which moves it to a quarantine file; a
 * line cut short by a killed writer is moved aside and logged; demo issues never go over an
 * archive; the lock is taken over from a killed process and from a reused pid.
 */
import { spawn, spawnSync } from 'child_process'
import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'fs'
import os from 'os'
import path from 'path'
import { EmbeddedDatabase } from '../../../server/store/embedded-database'
import { isNewStore } from '../../../server/store/integrity'
import { lockStore } from '../../../server/store/store-lock'
import { openLocalStore } from '../../../server/open-store'
import { contentFunction } from '../../../cloudfunctions/lib/content/handlers'
import { anonymous } from '../../fixtures/published-store'

const freshDir = () => mkdtempSync(path.join(os.tmpdir(), 'store-integrity-'))

type Loose = { _id: string; [k: string]: unknown }

/** A store folder with `n` documents in `items.db`, closed. */
async function storeWith(n: number): Promise<string> {
  const dir = freshDir()
  const db = new EmbeddedDatabase(dir)
  for (let i = 0; i < n; i++)
    await db.collection<Loose>('items').add({ data: { _id: `d${i}`, title: `第${i}篇` } })
  await db.close()
  return dir
}

/** Changes one byte of line `n` (1-based) of a file. */
function damageLine(file: string, n: number, at = 3, byte = 0x7b): void {
  const bytes = readFileSync(file)
  let start = 0
  for (let i = 1; i < n; i++) start = bytes.indexOf(0x0a, start) + 1
  bytes[start + at] = byte
  writeFileSync(file, bytes)
}

describe('a damaged store line', () => {
  it('stops the store from opening, naming file, line and count, and leaves the file as it was', async () => {
    const dir = await storeWith(4)
    const file = path.join(dir, 'items.db')
    damageLine(file, 2)
    damageLine(file, 4)
    const before = readFileSync(file)
    const db = new EmbeddedDatabase(dir)
    const error = await db.openAll().then(
      () => null,
      (e: Error) => e,
    )
    expect(error?.message).toContain(file)
    expect(error?.message).toMatch(/2 damaged lines \(line 2, 4\)/)
    expect(error?.message).toMatch(/STORE_REPAIR=1/)
    await expect(db.collection('items').get()).rejects.toThrow(/damaged/)
    expect(readFileSync(file)).toEqual(before)
  })

  it('counts as damaged when one byte makes it invalid UTF-8 inside a string', async () => {
    const dir = await storeWith(3)
    // Inside the title's characters: JSON still parses, but the text would be silently altered.
    const file = path.join(dir, 'items.db')
    const line = readFileSync(file, 'utf8').split('\n')[1]
    damageLine(file, 2, Buffer.byteLength(line.slice(0, line.indexOf('第') + 1)), 0xff)
    await expect(new EmbeddedDatabase(dir).openAll()).rejects.toThrow(/1 damaged line \(line 2\)/)
  })

  it('with repair is moved byte for byte to a quarantine file beside the store, and reported', async () => {
    const dir = await storeWith(3)
    const file = path.join(dir, 'items.db')
    damageLine(file, 2)
    const damaged = readFileSync(file, 'utf8').split('\n')[1]
    const log: string[] = []
    const db = new EmbeddedDatabase(dir, {}, { repair: true, log: (l) => log.push(l) })
    const { data } = await db.collection<Loose>('items').get()
    expect(data.map((d) => d._id).sort()).toEqual(['d0', 'd2'])
    expect(readFileSync(`${file}.quarantine`, 'utf8')).toBe(`${damaged}\n`)
    expect(log).toHaveLength(1)
    expect(log[0]).toMatch(/items\.db.*1 line \(line 2\).*items\.db\.quarantine/)
    await db.close()
    // Repaired for good: the next start opens it without a word.
    const again: string[] = []
    await new EmbeddedDatabase(dir, {}, { log: (l) => again.push(l) }).openAll()
    expect(again).toEqual([])
  })

  it('a line the store reads as JSON but is no document (no _id) is damaged too', async () => {
    const dir = await storeWith(2)
    appendFileSync(path.join(dir, 'items.db'), '{"title":"没有编号"}\n')
    await expect(new EmbeddedDatabase(dir).openAll()).rejects.toThrow(/line 3/)
  })

  it('a line whose field name the store refuses (a `.` in it, a leading `$`) is damaged too, and repair moves it aside', async () => {
    for (const [at, byte] of [
      [0, 0x2e],
      [2, 0x2e],
      [0, 0x24],
    ] as const) {
      const dir = await storeWith(3)
      const file = path.join(dir, 'items.db')
      const line = readFileSync(file, 'utf8').split('\n')[1]
      // `"title"` becomes `".itle"`, `"ti.le"` or `"$itle"`: still JSON with its `_id`, but the
      // store refuses to write such a name back, so the open failed naming neither file nor line.
      damageLine(file, 2, line.indexOf('"title"') + 1 + at, byte)
      const error = await new EmbeddedDatabase(dir).openAll().then(
        () => null,
        (e: Error) => e,
      )
      expect(error?.message).toContain(file)
      expect(error?.message).toMatch(/1 damaged line \(line 2\)/)
      const repaired = new EmbeddedDatabase(dir, {}, { repair: true, log: () => {} })
      const ids = (await repaired.collection('items').get()).data.map((d) => d._id)
      expect(ids.sort()).toEqual(['d0', 'd2'])
      await repaired.close()
    }
  })
})

describe('an unfinished last line (a writer killed mid-line)', () => {
  it('is moved to the quarantine file and logged, and the rest loads', async () => {
    const dir = await storeWith(2)
    const file = path.join(dir, 'items.db')
    appendFileSync(file, '{"_id":"half","v":')
    const log: string[] = []
    const db = new EmbeddedDatabase(dir, {}, { log: (l) => log.push(l) })
    expect((await db.collection('items').count()).total).toBe(2)
    expect(log).toEqual([expect.stringMatching(/items\.db ended in an unfinished write/)])
    expect(readFileSync(`${file}.quarantine`, 'utf8')).toBe('{"_id":"half","v":\n')
    await db.close()
  })
})

describe('store files', () => {
  it('are readable and writable by their owner only, the folder too', async () => {
    const dir = path.join(freshDir(), 'data')
    const db = new EmbeddedDatabase(dir)
    await db.collection('items').add({ data: { _id: 'a' } })
    await db.compact()
    await db.close()
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    expect(statSync(path.join(dir, 'items.db')).mode & 0o777).toBe(0o600)
  })
})

describe('opening the local store as the server starts', () => {
  it('loads the demo issues into a folder that has never held a store', async () => {
    const dir = freshDir()
    expect(isNewStore(dir)).toBe(true)
    const { cloud, demoIssues } = await openLocalStore(dir, [])
    expect(demoIssues).toBe(3)
    await cloud.db.close()
    expect(isNewStore(dir)).toBe(false)
  })

  it('never loads them over an archive whose every line is damaged', async () => {
    const dir = freshDir()
    const first = await openLocalStore(dir, [])
    await first.cloud.db.close()
    const file = path.join(dir, 'issues.db')
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    writeFileSync(file, lines.map((l) => `#${l.slice(1)}`).join('\n') + '\n')
    await expect(openLocalStore(dir, [])).rejects.toThrow(
      new RegExp(`issues\\.db: ${lines.length} damaged lines`),
    )
    // Repaired, the archive's lines are in quarantine and no demo issue was published over it.
    const notes: string[] = []
    const repaired = await openLocalStore(dir, [], { repair: true, log: (l) => notes.push(l) })
    expect(notes).toEqual([expect.stringMatching(/repaired issues\.db/)])
    expect(repaired.demoIssues).toBe(0)
    const list = await contentFunction({ action: 'issues.list' }, anonymous, repaired.cloud)
    expect(list.ok && (list.data as { items: unknown[] }).items).toEqual([])
    expect(readFileSync(`${file}.quarantine`, 'utf8').split('\n').filter(Boolean)).toHaveLength(
      lines.length,
    )
    await repaired.cloud.db.close()
  })

  it('sweeps the article records of a first publish killed before its issue record', async () => {
    const dir = freshDir()
    const { cloud } = await openLocalStore(dir, [])
    await cloud.db.collection('articles').add({
      data: { _id: 'i999-01@old', articleId: 'i999-01', issueId: 'i999', rev: '0000000aaaaaa' },
    })
    const articlesBefore = (await cloud.db.collection('articles').count()).total
    await cloud.db.close()
    const reopened = await openLocalStore(dir, [])
    expect(reopened.swept).toBe(1)
    expect((await reopened.cloud.db.collection('articles').count()).total).toBe(articlesBefore - 1)
    await reopened.cloud.db.close()
  })
})

describe('the CLI on a damaged store', () => {
  it('stops with one line naming the file and the damaged line, and changes nothing', async () => {
    const dir = freshDir()
    const first = await openLocalStore(dir, [])
    await first.cloud.db.close()
    const file = path.join(dir, 'issues.db')
    damageLine(file, 1, 0, 0x23)
    const before = readFileSync(file)
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/ingest.ts', 'demo/issues/277.txt', '--publish'],
      {
        cwd: path.resolve(__dirname, '../../..'),
        env: { ...process.env, DATA_DIR: dir },
        encoding: 'utf8',
      },
    )
    expect(run.status).not.toBe(0)
    const lines = run.stderr.trim().split('\n')
    expect(lines[lines.length - 1]).toMatch(/^error: .*issues\.db: 1 damaged line \(line 1\)/)
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(file)).toEqual(before)
  }, 60000)
})

/** Spawns a process that takes the lock and reports ready; resolves with it. */
function lockingChild(dir: string) {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('tsx/cjs'); const { lockStore } = require(${JSON.stringify(path.resolve(__dirname, '../../../server/store/store-lock.ts'))}); lockStore(${JSON.stringify(dir)}); console.log('locked'); setInterval(() => {}, 1000)`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise<typeof child>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('locked') && resolve(child))
    child.on('exit', (code) => reject(new Error(`child exited ${code}`)))
  })
}

const stateOf = (pid: number): string | null => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
  } catch {
    return null
  }
}

describe('the store lock', () => {
  it('refuses a second writer while the first runs', async () => {
    const dir = freshDir()
    const child = await lockingChild(dir)
    expect(() => lockStore(dir)).toThrow(`in use by process ${child.pid}`)
    child.kill('SIGKILL')
  })

  it('is taken over at once from a process killed with -9, before it is even reaped', async () => {
    const dir = freshDir()
    const child = await lockingChild(dir)
    child.removeAllListeners('exit')
    child.kill('SIGKILL')
    // Without yielding to the event loop the child stays a zombie (not yet reaped).
    const until = Date.now() + 5000
    while (stateOf(child.pid!) !== 'Z' && Date.now() < until) {
      /* wait for the kill to land */
    }
    expect(stateOf(child.pid!)).toBe('Z')
    const release = lockStore(dir)
    release()
    expect(existsSync(path.join(dir, 'store.lock'))).toBe(false)
  })

  it('is taken over when its pid now belongs to another process (a reused pid)', () => {
    const dir = freshDir()
    // A live pid (this test's parent) with a start time it never had.
    writeFileSync(path.join(dir, 'store.lock'), `${process.ppid} 1`)
    const release = lockStore(dir)
    expect(readFileSync(path.join(dir, 'store.lock'), 'utf8')).toMatch(
      new RegExp(`^${process.pid} \\d+$`),
    )
    release()
    expect(readdirSync(dir)).toEqual([])
  })

  it('reopens a compacted store whose search keys have their own index', async () => {
    const dir = freshDir()
    const indexes = { articles: [{ keys: 'searchKeys' }] }
    const db = new EmbeddedDatabase(dir, indexes)
    await db.collection<Loose>('articles').add({ data: { _id: 'a1', searchKeys: [1, 2, 3] } })
    await db.compact()
    await db.close()
    const again = new EmbeddedDatabase(dir, indexes)
    const { data } = await again
      .collection<Loose>('articles')
      .where({ searchKeys: again.command.all([1, 3]) })
      .get()
    expect(data.map((d) => d._id)).toEqual(['a1'])
    await again.close()
  })
})
