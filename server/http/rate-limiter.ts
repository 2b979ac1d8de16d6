/** A fixed-window request counter per client; `perMinute` 0 turns it off (benchmarks). */
export class RateLimiter {
  private window = 0
  private counts = new Map<string, number>()

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a request; false when the client is over its budget for this minute. */
  allow(client: string): boolean {
    if (this.perMinute <= 0) return true
    const window = Math.floor(this.now() / 60000)
    if (window !== this.window) {
      this.window = window
      this.counts = new Map()
    }
    const count = (this.counts.get(client) ?? 0) + 1
    this.counts.set(client, count)
    return count <= this.perMinute
  }
}
