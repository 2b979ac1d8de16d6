/**
 * Bounds the lanes of a run, each with at most one delivery claimed and not yet recorded, to about
 * twice what the rate needs (`2 × rate × latency`, Little's law with room to spare), so a run
 * killed mid-window leaves at most that many deliveries of unknown outcome. The latency is the
 * least of the recent calls' (queueing in a busy process only adds to a call's time); before the
 * first answer, one lane.
 */
export class InFlightGate {
  private readonly samples: number[] = []
  private waiters: (() => void)[] = []

  constructor(
    private readonly perSecond: number,
    private readonly max: number,
    private readonly window = 64,
  ) {}

  /** Lanes allowed to work now. */
  limit(): number {
    if (this.samples.length === 0) return 1
    const latency = Math.min(...this.samples)
    return Math.max(1, Math.min(this.max, Math.round((2 * this.perSecond * latency) / 1000)))
  }

  /** One call's time from request to answer, in ms. */
  observe(ms: number): void {
    this.samples.push(Math.max(0, ms))
    if (this.samples.length > this.window) this.samples.shift()
    // The limit may have grown: waiting lanes look again.
    this.wake()
  }

  /** Lets every waiting lane look again (at the limit, and at whether its work is over). */
  wake(): void {
    const woken = this.waiters
    this.waiters = []
    for (const wake of woken) wake()
  }

  /** Resolves once lane `index` (counted from 0) is within the limit, or `over()` says to stop. */
  async admit(index: number, over: () => boolean): Promise<void> {
    while (index >= this.limit() && !over()) await new Promise<void>((r) => this.waiters.push(r))
  }
}
