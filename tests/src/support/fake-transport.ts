import type { ContentAction, ContentInput, ContentResults } from '@core/api/content'
import type { ApiResponse } from '@core/api/response'
import type { Transport } from '@/services/transport'

type Handler = (input: ContentInput) => ApiResponse<unknown> | Promise<ApiResponse<unknown>>

/**
 * A transport answered by a function, recording every call; `offline()` makes every later call
 * fail as a dropped network does, `online()` restores it.
 */
export class FakeTransport implements Transport {
  calls: ContentInput[] = []
  private down = false
  private gate: Promise<void> | null = null
  private release: (() => void) | null = null

  constructor(private readonly handler: Handler) {}

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

  countOf(action: ContentAction): number {
    return this.calls.filter((c) => c.action === action).length
  }

  async call<A extends ContentAction>(
    _fn: 'content',
    input: Extract<ContentInput, { action: A }>,
  ): Promise<ApiResponse<ContentResults[A]>> {
    this.calls.push(input)
    if (this.gate) await this.gate
    if (this.down) return { ok: false, error: { code: 'unavailable', message: 'network down' } }
    return (await this.handler(input)) as ApiResponse<ContentResults[A]>
  }
}
