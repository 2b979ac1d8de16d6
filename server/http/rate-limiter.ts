/** Requests per minute per connecting address when `RATE_LIMIT_PER_MINUTE` is not set. */
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 1200

/**
 * `RATE_LIMIT_PER_MINUTE`: a whole number, 0 turning the limit off; anything else is a start-up
 * error naming the value (a typo must not leave the server refusing or allowing everything).
 */
export function rateLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_RATE_LIMIT_PER_MINUTE
  if (!/^\d{1,9}$/.test(value.trim()))
    throw new Error(
      `RATE_LIMIT_PER_MINUTE must be a whole number of requests (0 turns the limit off), not "${value}"`,
    )
  return Number(value.trim())
}

/**
 * A fixed-window request counter per client; `perMinute` 0 turns it off (benchmarks). The client is
 * the connecting address, never something the request claims about itself (a header can be
 * rotated at will).
 */
export class RateLimiter {
  private window = 0
  private counts = new Map<string, number>()

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!Number.isInteger(perMinute) || perMinute < 0)
      throw new Error(`the rate limit must be a whole number ≥ 0, not ${perMinute}`)
  }

  /** Counts a request; false when the client is over its budget for this minute. */
  allow(client: string): boolean {
    if (this.perMinute === 0) return true
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
