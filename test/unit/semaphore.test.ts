import { describe, expect, it } from 'vitest'
import { Semaphore, SemaphoreFullError } from '../../src/services/auth/semaphore'

/** A task that runs until its test lets it finish. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, task: () => opened }
}

describe('a semaphore', () => {
  it('runs at most its limit at once, then the waiting ones in order', async () => {
    const slots = new Semaphore(2, 10)
    let running = 0
    let most = 0
    const order: number[] = []
    const gates = Array.from({ length: 5 }, () => gate())
    const runs = gates.map((g, i) =>
      slots.run(async () => {
        running++
        most = Math.max(most, running)
        order.push(i)
        await g.task()
        running--
      }),
    )
    for (const g of gates) {
      await new Promise((r) => setImmediate(r))
      g.open()
    }
    await Promise.all(runs)
    expect(most).toBe(2)
    expect(order).toEqual([0, 1, 2, 3, 4])
  })

  it('refuses a caller once as many as it allows are waiting, and frees the slot of a task that throws', async () => {
    const slots = new Semaphore(1, 1)
    const first = gate()
    const running = slots.run(first.task)
    const waiting = slots.run(() => Promise.reject(new Error('boom')))
    await expect(slots.run(async () => 'late')).rejects.toBeInstanceOf(SemaphoreFullError)
    first.open()
    await running
    await expect(waiting).rejects.toThrow('boom')
    expect(await slots.run(async () => 'free again')).toBe('free again')
  })
})
