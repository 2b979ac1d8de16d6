import type { ContentInput } from '@core/api/content'
import type { ApiResponse } from '@core/api/response'
import type {
  ActionOf,
  FunctionContracts,
  FunctionName,
  InputOf,
  ResultOf,
  Transport,
} from '@/services/transport'

type Answer = ApiResponse<unknown> | Promise<ApiResponse<unknown>>
type Handler = (input: ContentInput) => Answer
/** Handlers of the other functions, by name; a function without one answers not_found. */
export type FunctionHandlers = {
  [F in Exclude<FunctionName, 'content'>]?: (input: FunctionContracts[F]['input']) => Answer
}

/** One recorded call: the function's name and its input. */
export type RecordedCall = { fn: FunctionName; action: string } & Record<string, unknown>

/**
 * A transport answered by functions, recording every call; `offline()` makes every later call
 * fail as a dropped network does, `online()` restores it.
 */
export class FakeTransport implements Transport {
  calls: RecordedCall[] = []
  private down = false
  private gate: Promise<void> | null = null
  private release: (() => void) | null = null

  constructor(
    private readonly handler: Handler,
    private readonly functions: FunctionHandlers = {},
  ) {}

  offline(): void {
    this.down = true
  }

  online(): void {
    this.down = false
  }

  /** Holds every answer until `resume()`, to observe requests in flight. */
  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve))
  }

  resume(): void {
    this.release?.()
    this.gate = null
  }

  countOf(action: string): number {
    return this.calls.filter((c) => c.action === action).length
  }

  /** The inputs of every call of an action, oldest first. */
  inputsOf(action: string): RecordedCall[] {
    return this.calls.filter((c) => c.action === action)
  }

  async call<F extends FunctionName, A extends ActionOf<F>>(
    fn: F,
    input: InputOf<F, A>,
  ): Promise<ApiResponse<ResultOf<F, A>>> {
    this.calls.push({ fn, ...(input as { action: string }) })
    if (this.gate) await this.gate
    if (this.down) return { ok: false, error: { code: 'unavailable', message: 'network down' } }
    if (fn === 'content')
      return (await this.handler(input as ContentInput)) as ApiResponse<ResultOf<F, A>>
    const handler = this.functions[fn as Exclude<FunctionName, 'content'>] as
      ((input: unknown) => Answer) | undefined
    if (!handler) return { ok: false, error: { code: 'not_found', message: `no function ${fn}` } }
    return (await handler(input)) as ApiResponse<ResultOf<F, A>>
  }
}
