/** Spaces calls evenly at `perSecond` (a send rate the platform will accept), shared by all lanes. */
export class Pacer {
  private next = 0

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async take(): Promise<void> {
    const now = this.now()
    const at = Math.max(now, this.next)
    this.next = at + 1000 / this.perSecond
    if (at > now) await this.sleep(at - now)
  }
}
