import { gate } from '../../cloudfunctions/lib/content/gate'

/** A task that finishes when told to, recording how many run at once. */
function tasks() {
  let running = 0
  let most = 0
  const started: number[] = []
  const finishers = new Map<number, () => void>()
  const task =
    (n: number, fail = false) =>
    async () => {
      running++
      most = Math.max(most, running)
      started.push(n)
      await new Promise<void>((resolve) => finishers.set(n, resolve))
      running--
      if (fail) throw new Error(`task ${n} failed`)
      return n
    }
  const tick = () => new Promise((r) => setTimeout(r, 5))
  return { task, started, finish: (n: number) => finishers.get(n)!(), most: () => most, tick }
}

describe('gate', () => {
  it('runs at most `limit` tasks at once, the others in arrival order', async () => {
    const run = gate(2)
    const t = tasks()
    const results = [1, 2, 3, 4, 5].map((n) => run(t.task(n)))
    await t.tick()
    expect(t.started).toEqual([1, 2])
    t.finish(2)
    await t.tick()
    expect(t.started).toEqual([1, 2, 3])
    for (const n of [1, 3, 4, 5]) {
      t.finish(n)
      await t.tick()
    }
    await expect(Promise.all(results)).resolves.toEqual([1, 2, 3, 4, 5])
    expect(t.most()).toBe(2)
  })

  it('frees the slot of a task that fails', async () => {
    const run = gate(1)
    const t = tasks()
    const failing = run(t.task(1, true))
    const next = run(t.task(2))
    await t.tick()
    t.finish(1)
    await expect(failing).rejects.toThrow('task 1 failed')
    await t.tick()
    expect(t.started).toEqual([1, 2])
    t.finish(2)
    await expect(next).resolves.toBe(2)
  })

  it('starts the next task only after other waiting work has had its turn', async () => {
    const run = gate(1)
    const order: string[] = []
    const first = run(async () => {
      setImmediate(() => order.push('a request that came in'))
      order.push('first')
    })
    const second = run(async () => {
      order.push('second')
    })
    await Promise.all([first, second])
    expect(order).toEqual(['first', 'a request that came in', 'second'])
  })
})
