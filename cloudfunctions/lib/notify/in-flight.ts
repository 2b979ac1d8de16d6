/**
 * Bounds the calls a run has claimed but not yet recorded to about twice what the rate needs
 * (`2 × rate × latency`, Little's law with room to spare), so a run killed mid-window leaves at
 * most that many deliveries of unknown outcome. The latency is the least of the recent calls'
 * (queueing in a busy process only adds to a call's time); before the first answer, one call.
 */
export class InFlightGate {
  private inFlight = 0
  private readonly samples: number[] = []
  private waiters: (() => void)[] = []

  constructor(
    private readonly perSecond: number,
    private readonly max: number,
    private readonly window = 64,
  ) {}

  /** Calls allowed in flight now. */
  limit(): number {
    if (this.samples.length === 0) return 1
    const latency = Math.min(...this.samples)
    return Math.max(1, Math.min(this.max, Math.round((2 * this.perSecond * latency) / 1000)))
  }

  /** One call's time from request to answer, in ms. */
  observe(ms: number): void {
    this.samples.push(Math.max(0, ms))
    if (this.samples.length > this.window) this.samples.shift()
  }

  /** Runs `call` once fewer than the limit are in flight. */
  async run<T>(call: () => Promise<T>): Promise<T> {
    while (this.inFlight >= this.limit()) await new Promise<void>((r) => this.waiters.push(r))
    this.inFlight++
    try {
      return await call()
    } finally {
      this.inFlight--
      const woken = this.waiters
      this.waiters = []
      for (const wake of woken) wake()
    }
  }
}
