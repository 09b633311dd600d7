import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type Database } from '../../src/db/client'
import { arrival, FairQueue } from '../../src/db/fair-queue'

const tick = () => new Promise((ok) => setTimeout(ok, 5))

describe('FairQueue', () => {
  it('runs tasks one at a time, in the order they were started', async () => {
    const queue = new FairQueue()
    let running = 0
    let most = 0
    const done: number[] = []
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        queue.run(async () => {
          most = Math.max(most, ++running)
          await tick()
          running--
          done.push(i)
        }),
      ),
    )
    expect(most).toBe(1)
    expect(done).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })

  // Node reads a new connection once per turn of its event loop: a request that ran to its end inside
  // the callback that read it made that turn as long as every request read with it (issue 15).
  it('starts even a task on a free connection on a later turn of the event loop, not in the caller’s', async () => {
    const queue = new FairQueue()
    let started = false
    const done = queue.run(async () => {
      started = true
    })
    for (let i = 0; i < 10; i++) await Promise.resolve()
    expect(started).toBe(false)
    await new Promise((ok) => setImmediate(ok))
    expect(started).toBe(true)
    await done
  })

  it('orders requests read in the same turn by arrival, even when the connection was free', async () => {
    const queue = new FairQueue()
    const order: string[] = []
    const later = arrival.run(2, () => queue.run(async () => void order.push('arrived second')))
    const earlier = arrival.run(1, () => queue.run(async () => void order.push('arrived first')))
    await Promise.all([later, earlier])
    expect(order).toEqual(['arrived first', 'arrived second'])
  })

  it("lets a request's next statement go before a later request's first", async () => {
    const queue = new FairQueue()
    const order: string[] = []
    const statement = (name: string) => queue.run(async () => void order.push(name))
    const request = (name: string, at: number, statements: number) =>
      arrival.run(at, async () => {
        for (let i = 1; i <= statements; i++) await statement(`${name}${i}`)
      })
    // A arrived first and is busy when B and C arrive: A's three statements still come first.
    const blocker = queue.run(tick)
    const a = request('A', 1, 3)
    const c = request('C', 3, 1)
    const b = request('B', 2, 2)
    await Promise.all([blocker, a, b, c])
    expect(order).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'C1'])
  })

  it('passes on a failure to its caller and goes on with the next task', async () => {
    const queue = new FairQueue()
    const failed = queue.run(() => Promise.reject(new Error('boom')))
    const next = queue.run(async () => 'next')
    await expect(failed).rejects.toThrow('boom')
    expect(await next).toBe('next')
    expect(queue.waiting).toBe(0)
  })
})

describe('the embedded database in arrival order', () => {
  let database: Database
  beforeAll(async () => {
    database = await openDatabase({ dataDir: 'memory://' })
  })
  afterAll(() => database.close())

  it('completes queries started in order in that order', async () => {
    const done: number[] = []
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        database.db.execute(sql`select ${i}::int as i, pg_sleep(0)`).then(() => done.push(i)),
      ),
    )
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i))
  })

  it('lets no later query overtake a transaction, however long it holds the connection', async () => {
    const order: string[] = []
    const tx = database.db.transaction(async (t) => {
      await t.execute(sql`select 1`)
      await tick() // the transaction waits on something; the connection stays its own
      await t.execute(sql`select 2`)
      order.push('transaction')
    })
    const later = database.db.execute(sql`select 3`).then(() => order.push('later query'))
    await Promise.all([tx, later])
    expect(order).toEqual(['transaction', 'later query'])
  })
})
