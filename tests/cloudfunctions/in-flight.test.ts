import { InFlightGate } from '../../cloudfunctions/lib/notify/in-flight'

describe('in-flight gate', () => {
  it('allows one call until a latency is known, then about twice what the rate needs, within the maximum', () => {
    const gate = new InFlightGate(1000, 16)
    expect(gate.limit()).toBe(1)
    gate.observe(5.2)
    expect(gate.limit()).toBe(10)
    // The least recent latency counts: a call slowed by a busy process does not widen the gate.
    gate.observe(40)
    expect(gate.limit()).toBe(10)
    const capped = new InFlightGate(1000, 8)
    capped.observe(50)
    expect(capped.limit()).toBe(8)
  })

  it('never has more calls in flight than its limit, and runs every call', async () => {
    const gate = new InFlightGate(500, 16)
    gate.observe(5)
    let inFlight = 0
    let most = 0
    const done: number[] = []
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        gate.run(async () => {
          inFlight++
          most = Math.max(most, inFlight)
          await new Promise((r) => setTimeout(r, 1 + (i % 3)))
          inFlight--
          done.push(i)
        }),
      ),
    )
    expect(most).toBe(5)
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i))
  })
})
