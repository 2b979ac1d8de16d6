import type {
  Collection,
  Condition,
  Database,
  Doc,
  DocRef,
  GetResult,
  Query,
} from '../../cloudfunctions/lib/ports/database'
import { LocalCommand, LocalRegExp, localCommand } from '../store/local-command'
import type { SendApi, SubscribeMessage } from '../../cloudfunctions/lib/ports/subscribe-message'
import { mapTree, type Answer, type DbRequest, type Request } from './protocol'

/** What a function process talks through: its IPC channel to the local cloud. */
export interface Channel {
  send(message: unknown): unknown
  on(event: 'message', listener: (message: unknown) => void): unknown
}

const encode = (value: unknown): unknown =>
  mapTree(value, (v) => {
    if (v instanceof LocalCommand) return { $$cmd: v.op, args: v.args.map(encode) }
    if (v instanceof LocalRegExp) return { $$re: v.regexp, options: v.options }
    return undefined
  })

type Call = Omit<DbRequest, 'id' | 'kind'>

/**
 * The local cloud as a function process reaches it: requests go out in one message per tick and
 * come back by id.
 */
export class RemoteCloud {
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >()
  private queue: Request[] = []

  constructor(private readonly channel: Channel) {
    channel.on('message', (message) => {
      if (!Array.isArray(message)) return
      for (const answer of message as Answer[]) {
        const waiting = this.pending.get(answer.id)
        if (!waiting) continue
        this.pending.delete(answer.id)
        if (answer.error !== undefined) waiting.reject(new Error(answer.error))
        else waiting.resolve(answer.ok)
      }
    })
  }

  private request(request: Omit<DbRequest, 'id'> | { kind: 'send'; message: unknown }) {
    const id = this.nextId++
    return new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.queue.push({ ...request, id } as Request)
      if (this.queue.length === 1)
        queueMicrotask(() => {
          const batch = this.queue
          this.queue = []
          this.channel.send(batch)
        })
    })
  }

  /** @internal */
  call(call: Call): Promise<unknown> {
    return this.request({ kind: 'db', ...call })
  }

  /** The `ports/database` subset, served by the local cloud's store. */
  database(): Database {
    return {
      // The local store's operator objects, tagged on the way out (they carry only names and args).
      command: localCommand,
      RegExp: (o) => new LocalRegExp(o.regexp, o.options ?? ''),
      collection: <T extends Doc>(name: string) => new RemoteCollection<T>(this, name, []),
    }
  }

  /** `subscribeMessage.send`, served by the local cloud's stand-in; rejects when no answer came. */
  sendApi(): SendApi {
    return {
      send: async (message: SubscribeMessage) =>
        (await this.request({ kind: 'send', message })) as { errCode: number; errMsg: string },
    }
  }
}

/** One database call over IPC: the collection, the query chain so far, the verb and its argument. */
function callOn<R>(
  cloud: RemoteCloud,
  collection: string,
  chain: [string, ...unknown[]][],
  verb: string,
  arg?: unknown,
): Promise<R> {
  const request: Call = { collection, chain, verb }
  if (arg !== undefined) request.arg = encode(arg)
  return cloud.call(request) as Promise<R>
}

class RemoteQuery<T extends Doc> implements Query<T> {
  constructor(
    protected readonly cloud: RemoteCloud,
    protected readonly name: string,
    protected readonly chain: [string, ...unknown[]][],
  ) {}

  protected with(method: string, ...args: unknown[]): RemoteQuery<T> {
    return new RemoteQuery<T>(this.cloud, this.name, [...this.chain, [method, ...args.map(encode)]])
  }

  protected call<R>(verb: string, arg?: unknown): Promise<R> {
    return callOn<R>(this.cloud, this.name, this.chain, verb, arg)
  }

  where(condition: Condition): Query<T> {
    return this.with('where', condition)
  }
  orderBy(field: string, order: 'asc' | 'desc'): Query<T> {
    return this.with('orderBy', field, order)
  }
  skip(n: number): Query<T> {
    return this.with('skip', n)
  }
  limit(n: number): Query<T> {
    return this.with('limit', n)
  }
  field(projection: Record<string, boolean>): Query<T> {
    return this.with('field', projection)
  }
  get(): Promise<GetResult<T>> {
    return this.call('get')
  }
  count(): Promise<{ total: number }> {
    return this.call('count')
  }
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    return this.call('update', options)
  }
  remove(): Promise<{ stats: { removed: number } }> {
    return this.call('remove')
  }
}

class RemoteCollection<T extends Doc> extends RemoteQuery<T> implements Collection<T> {
  doc(id: string): DocRef<T> {
    return new RemoteDocRef<T>(this.cloud, this.name, id)
  }
  add(options: { data: object }): Promise<{ _id: string }> {
    return this.call('add', options)
  }
}

class RemoteDocRef<T extends Doc> implements DocRef<T> {
  private readonly chain: [string, ...unknown[]][]

  constructor(
    private readonly cloud: RemoteCloud,
    private readonly name: string,
    id: string,
  ) {
    this.chain = [['doc', id]]
  }

  private call<R>(verb: string, arg?: unknown): Promise<R> {
    return callOn<R>(this.cloud, this.name, this.chain, verb, arg)
  }

  get(): Promise<{ data: T }> {
    return this.call('get')
  }
  set(options: { data: object }): Promise<{ stats: { updated: number; created?: number } }> {
    return this.call('set', options)
  }
  update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> {
    return this.call('update', options)
  }
  remove(): Promise<{ stats: { removed: number } }> {
    return this.call('remove')
  }
}
