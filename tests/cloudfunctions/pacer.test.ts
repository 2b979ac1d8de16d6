import { Pacer } from '../../cloudfunctions/lib/notify/pacer'

/** A clock that only moves when the pacer sleeps or the test stalls. */
function fakeTime() {
  const clock = { t: 0 }
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms
    },
  }
}

/** The most calls that fall within any one-second span. */
function busiestSecond(times: number[]): number {
  let most = 0
  let from = 0
  for (let i = 0; i < times.length; i++) {
    // (A hair under 1000 ms is floating-point rounding of "one second later".)
    while (times[i] - times[from] >= 1000 - 1e-6) from++
    most = Math.max(most, i - from + 1)
  }
  return most
}

describe('send pacer', () => {
  it('spaces calls evenly at the rate when a caller is always waiting', async () => {
    const { now, sleep } = fakeTime()
    const pacer = new Pacer(100, now, sleep)
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      await pacer.take()
      times.push(now())
    }
    expect(times).toEqual([0, 10, 20, 30, 40])
  })

  it('makes up slots missed in a short stall, but no more than its burst', async () => {
    const { clock, now, sleep } = fakeTime()
    const pacer = new Pacer(100, now, sleep, 5)
    await pacer.take()
    clock.t = 100 // a stall: nine slots went by unused
    const times: number[] = []
    for (let i = 0; i < 7; i++) {
      await pacer.take()
      times.push(now())
    }
    // The slot due now and five made up, at once; then even spacing again.
    expect(times).toEqual([100, 100, 100, 100, 100, 100, 110])
  })

  /** Lanes racing with stalls shorter than the burst; the calls' times. */
  function raceWithStalls(burst: number): number[] {
    const clock = { t: 0 }
    let slot = 0
    // Sleeping moves no clock here: the slot a call got is read off its sleep (or is now).
    const pacer = new Pacer(
      50,
      () => clock.t,
      async (ms) => {
        slot = clock.t + ms
      },
      burst,
    )
    const times: number[] = []
    let seed = 7
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647
    for (let i = 0; i < 600; i++) {
      // Several lanes reserve at once; time then passes until the last of them is due, and now
      // and then nobody calls for a while.
      const lanes = 1 + Math.floor(random() * 4)
      const batch: number[] = []
      for (let l = 0; l < lanes; l++) {
        slot = clock.t
        void pacer.take()
        batch.push(slot)
      }
      times.push(...batch)
      clock.t = Math.max(clock.t, ...batch)
      if (random() < 0.2) clock.t += random() * 150
    }
    return times
  }
  const ratePerSecond = (times: number[]) =>
    times.length / ((times[times.length - 1] - times[0]) / 1000)

  it('never puts more than the rate into any one second, and makes up for stalls', () => {
    const made = raceWithStalls(10)
    const lost = raceWithStalls(0)
    expect(busiestSecond(made)).toBe(50)
    expect(busiestSecond(lost)).toBeLessThanOrEqual(50)
    // Without a burst every stall's slots are lost; with one, most are made up.
    expect(ratePerSecond(made)).toBeGreaterThan(45)
    expect(ratePerSecond(made)).toBeGreaterThan(ratePerSecond(lost) * 1.08)
  })
})
