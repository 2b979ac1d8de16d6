import type { Database } from '../../cloudfunctions/lib/ports/database'
import type { SendApi, SubscribeMessage } from '../../cloudfunctions/lib/ports/subscribe-message'
import {
  CHAIN_METHODS,
  isPlainObject,
  mapTree,
  VERBS,
  type Answer,
  type DbRequest,
  type Request,
} from './protocol'

/** The local cloud's end of a function process's channel. */
export interface HostChannel {
  send(message: unknown, callback: (error: Error | null) => void): unknown
  on(event: 'message', listener: (message: unknown) => void): unknown
  readonly connected: boolean
}

type Callable = Record<string, (...args: unknown[]) => unknown>

/**
 * Serves a function process's database and send-message calls from the local cloud, which owns
 * the store: the store outlives a killed process, as the cloud database outlives a killed
 * function. A call the process made before it died still completes (as it would in the cloud);
 * its answer is dropped.
 */
export function serveCloud(channel: HostChannel, ports: { db: Database; send: SendApi }): void {
  const { db, send } = ports
  const commands = db.command as unknown as Callable
  const decode = (value: unknown): unknown =>
    mapTree(value, (v) => {
      if (!isPlainObject(v)) return undefined
      if (typeof v.$$cmd === 'string' && Array.isArray(v.args)) {
        if (!Object.hasOwn(commands, v.$$cmd)) throw new Error(`unknown operator ${v.$$cmd}`)
        return commands[v.$$cmd](...v.args.map(decode))
      }
      if (typeof v.$$re === 'string')
        return db.RegExp({ regexp: v.$$re, options: String(v.options ?? '') })
      return undefined
    })

  const runDb = async (r: DbRequest): Promise<unknown> => {
    let target = db.collection(r.collection) as unknown as Callable
    for (const [method, ...args] of r.chain) {
      if (!CHAIN_METHODS.has(method)) throw new Error(`${method} is not a query method`)
      target = target[method](...args.map(decode)) as Callable
    }
    if (!VERBS.has(r.verb)) throw new Error(`${r.verb} is not a database call`)
    return target[r.verb](...(r.arg === undefined ? [] : [decode(r.arg)]))
  }

  let answers: Answer[] = []
  const answer = (a: Answer) => {
    answers.push(a)
    // Answers ready in the same turn of the event loop travel together.
    if (answers.length === 1)
      setImmediate(() => {
        const batch = answers
        answers = []
        // A process killed meanwhile gets no answer; its calls are done all the same.
        if (channel.connected) channel.send(batch, () => undefined)
      })
  }

  channel.on('message', (message) => {
    if (!Array.isArray(message)) return
    for (const r of message as Request[]) {
      const work =
        r.kind === 'send'
          ? send.send(r.message as SubscribeMessage)
          : Promise.resolve().then(() => runDb(r))
      work.then(
        (ok) => answer({ id: r.id, ok }),
        (e: unknown) => answer({ id: r.id, error: e instanceof Error ? e.message : String(e) }),
      )
    }
  })
}
