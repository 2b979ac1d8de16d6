/**
 * Spaces calls evenly at `perSecond`, shared by all lanes, and never lets more than `perSecond`
 * calls fall within any one second (so a platform counting per second never sees more).
 *
 * Slots missed while no lane was waiting (a checkpoint, a page read) are made up, up to `burst`
 * of them, as long as the one-second rule allows: short stalls then cost no throughput.
 * Slots are reserved synchronously, so concurrent lanes never share one.
 */
export class Pacer {
  private next = 0
  private readonly interval: number
  /** When the last `perSecond` calls happen, the oldest at `at`. */
  private readonly lastSecond: number[]
  private at = 0

  constructor(
    perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly burst = Math.max(1, Math.round(perSecond / 20)),
  ) {
    this.interval = 1000 / perSecond
    this.lastSecond = new Array<number>(Math.max(1, Math.floor(perSecond))).fill(-Infinity)
  }

  async take(): Promise<void> {
    const now = this.now()
    const scheduled = Math.max(this.next, now - this.burst * this.interval)
    const slot = Math.max(scheduled, this.lastSecond[this.at] + 1000)
    // A made-up slot lies in the past, but its call happens now: the one-second rule counts that.
    const callAt = Math.max(slot, now)
    this.lastSecond[this.at] = callAt
    this.at = (this.at + 1) % this.lastSecond.length
    this.next = slot + this.interval
    if (callAt > now) await this.sleep(callAt - now)
  }
}
