/**
 * Runs at most `limit` tasks at once; the others wait their turn in arrival order, and each turn
 * starts from the event loop, not straight from the task before it. A search is milliseconds of
 * CPU, and on an in-memory store its reads resolve without I/O, so searches handed on from one to
 * the next would all run before the process reads another request: a reader opening an issue
 * would wait behind every queued search. Through the gate it waits behind at most `limit`.
 */
export function gate(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0
  const waiting: (() => void)[] = []
  return async (task) => {
    if (running < limit) running++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      // The slot passes to the next in line once waiting I/O has had its turn, or frees up.
      const next = waiting.shift()
      if (next) setImmediate(next)
      else running--
    }
  }
}

/** Lets waiting I/O (another reader's request) run before the caller goes on. */
export const yieldTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
