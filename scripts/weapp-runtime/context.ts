import { readFileSync } from 'node:fs'
import path from 'node:path'
import vm from 'node:vm'

/** Something the harness saw go wrong inside the mini-program (a console error, a throw, …). */
export interface Problem {
  kind: 'console.error' | 'uncaught' | 'unhandled-rejection' | 'page'
  message: string
}

const describe = (value: unknown): string => {
  if (value instanceof Error || (typeof value === 'object' && value && 'stack' in value))
    return String((value as Error).stack ?? (value as Error).message)
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value)
    } catch {
      return String(value)
    }
  }
  return String(value)
}

/**
 * The JavaScript world of one mini-program run: a fresh `vm` context holding only `console` and
 * timers, as WeChat's logic layer does (no `window`, `process`, `setImmediate` or
 * `MessageChannel`, so React's scheduler falls back to `setTimeout`). Timers are counted so a run
 * can wait until the app is idle, and whatever throws inside a callback is recorded.
 */
export class AppContext {
  readonly context: vm.Context
  readonly problems: Problem[] = []
  readonly logs: string[] = []
  private pendingTimers = new Map<unknown, number>()
  private inflight = 0
  private readonly parse: (text: string) => unknown

  constructor() {
    const console = {
      error: (...args: unknown[]) =>
        this.problems.push({ kind: 'console.error', message: args.map(describe).join(' ') }),
      warn: (...args: unknown[]) => this.logs.push(`warn: ${args.map(describe).join(' ')}`),
      log: (...args: unknown[]) => this.logs.push(args.map(describe).join(' ')),
      info: (...args: unknown[]) => this.logs.push(args.map(describe).join(' ')),
      debug: () => {},
      trace: () => {},
      group: () => {},
      groupEnd: () => {},
      time: () => {},
      timeEnd: () => {},
    }
    const guard =
      (fn: (...a: unknown[]) => unknown) =>
      (...args: unknown[]) => {
        try {
          fn(...args)
        } catch (e) {
          this.problems.push({ kind: 'uncaught', message: describe(e) })
        }
      }
    const setTimeoutInApp = (fn: (...a: unknown[]) => unknown, ms = 0, ...args: unknown[]) => {
      const handle = setTimeout(() => {
        this.pendingTimers.delete(handle)
        guard(fn)(...args)
      }, ms)
      this.pendingTimers.set(handle, ms)
      return handle
    }
    const clearTimeoutInApp = (handle: NodeJS.Timeout) => {
      this.pendingTimers.delete(handle)
      clearTimeout(handle)
    }
    // Intervals are not waited for: an app may poll for as long as it lives.
    const setIntervalInApp = (fn: (...a: unknown[]) => unknown, ms = 0, ...args: unknown[]) =>
      setInterval(guard(fn), ms, ...args)
    this.context = vm.createContext({
      console,
      setTimeout: setTimeoutInApp,
      clearTimeout: clearTimeoutInApp,
      setInterval: setIntervalInApp,
      clearInterval: (h: NodeJS.Timeout) => clearInterval(h),
    })
    this.parse = vm.runInContext('JSON.parse', this.context) as (text: string) => unknown
    // A promise of the app rejected with no handler (WeChat's onUnhandledRejection): ours when
    // the promise was made by this context's Promise.
    const AppPromise = vm.runInContext('Promise', this.context) as PromiseConstructor
    this.onRejection = (reason: unknown, promise: Promise<unknown>) => {
      if (promise instanceof AppPromise)
        this.problems.push({ kind: 'unhandled-rejection', message: describe(reason) })
      else if (process.listenerCount('unhandledRejection') === 1) throw reason
    }
    process.on('unhandledRejection', this.onRejection)
  }

  private readonly onRejection: (reason: unknown, promise: Promise<unknown>) => void

  /** A value made in the app's realm (its `Object`, `Array`), as WeChat hands values to the app. */
  toApp<T>(value: T): T {
    return value === undefined ? value : (this.parse(JSON.stringify(value)) as T)
  }

  /** Bytes as an ArrayBuffer of the app's realm (what WeChat hands over for binary results). */
  bufferToApp(bytes: Uint8Array): ArrayBuffer {
    const AppArrayBuffer = vm.runInContext('ArrayBuffer', this.context) as ArrayBufferConstructor
    const buffer = new AppArrayBuffer(bytes.length)
    new Uint8Array(buffer).set(bytes)
    return buffer
  }

  /** A Promise of the app's realm (so a rejection nobody handles is reported as the app's). */
  promise<T>(
    executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void,
  ): Promise<T> {
    const AppPromise = vm.runInContext('Promise', this.context) as PromiseConstructor
    return new AppPromise<T>(executor)
  }

  /** An empty object of the app's realm. */
  object(): Record<string, unknown> {
    return this.parse('{}') as Record<string, unknown>
  }

  /** Runs a callback of the app later (WeChat calls API callbacks asynchronously). */
  later(fn: () => void): void {
    ;(this.context.setTimeout as (f: () => void, ms: number) => void)(fn, 0)
  }

  /** Counts an asynchronous host operation (a cloud call) until it settles. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.inflight++
    return promise.finally(() => {
      this.inflight--
    })
  }

  /** Records a problem thrown by app code the harness called directly. */
  guard<T>(what: string, fn: () => T): T | undefined {
    try {
      return fn()
    } catch (e) {
      this.problems.push({ kind: 'uncaught', message: `${what}: ${describe(e)}` })
      return undefined
    }
  }

  report(problem: Problem): void {
    this.problems.push(problem)
  }

  /** Evaluates a file of the build as a CommonJS-style module function in the app context. */
  compile(file: string): (...args: unknown[]) => void {
    const code = readFileSync(file, 'utf8')
    const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, {
      filename: path.resolve(file),
    })
    return script.runInContext(this.context) as (...args: unknown[]) => void
  }

  /**
   * Resolves once no timer of at most `horizonMs` and no host operation is pending for a few
   * turns of the event loop (the app is idle); rejects after `limitMs`.
   */
  async settle(limitMs = 10_000, horizonMs = 1_000): Promise<void> {
    const started = Date.now()
    let quiet = 0
    while (quiet < 3) {
      if (Date.now() - started > limitMs)
        throw new Error(
          `the mini-program did not settle in ${limitMs} ms (${this.inflight} cloud calls, ${this.pendingTimers.size} timers)`,
        )
      await new Promise((r) => setTimeout(r, 1))
      const busy =
        this.inflight > 0 || [...this.pendingTimers.values()].some((ms) => ms <= horizonMs)
      quiet = busy ? 0 : quiet + 1
    }
  }

  /** Stops every timer the app left (so the test process can exit). */
  dispose(): void {
    process.off('unhandledRejection', this.onRejection)
    for (const handle of this.pendingTimers.keys()) clearTimeout(handle as NodeJS.Timeout)
    this.pendingTimers.clear()
  }
}
