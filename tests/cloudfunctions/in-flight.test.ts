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

  it('admits lanes within its limit, more once a latency widens it, and lets waiting lanes stop', async () => {
    const gate = new InFlightGate(1000, 16)
    const admitted: number[] = []
    let over = false
    const lanes = [0, 3, 12].map((i) => gate.admit(i, () => over).then(() => admitted.push(i)))
    await new Promise((r) => setImmediate(r))
    expect(admitted).toEqual([0])
    gate.observe(5)
    await new Promise((r) => setImmediate(r))
    expect(admitted).toEqual([0, 3])
    over = true
    gate.wake()
    await Promise.all(lanes)
    expect(admitted).toEqual([0, 3, 12])
  })
})
