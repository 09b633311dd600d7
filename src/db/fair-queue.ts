import { AsyncLocalStorage } from 'node:async_hooks'
import type { PGlite } from '@electric-sql/pglite'

/**
 * When the work a task belongs to began (a request's arrival, in performance.now() milliseconds).
 * The HTTP app sets it for each request (arrivalOrder in src/http/arrival.ts); work outside a request (the job,
 * the seed) has none and counts from when its statement joins the queue.
 */
export const arrival = new AsyncLocalStorage<number>()

type Waiter = { key: number; seq: number; start: () => void }

/**
 * One task at a time, oldest work first: the embedded database (PGlite) is one connection inside
 * this process, so its statements and transactions queue here, in the order their requests
 * arrived.
 *
 * Why not PGlite's own mutex: it is first come, first served per *statement*, and a page runs
 * three to six statements one after the other, each joining the back of the line behind requests
 * that arrived later; and it hands the connection on as a promise continuation, so under load a
 * chain of statements, renders and more statements runs for seconds without the event loop
 * reading a socket. New connections then waited up to 10 s (autocannon's time-out) while others
 * were served many times. Here a request's next statement goes before any later request's first
 * one, and the connection is handed on with setImmediate, after the event loop has read what
 * arrived meanwhile, so the newcomers take their place in line by arrival time.
 */
export class FairQueue {
  #busy = false
  #seq = 0
  readonly #waiting: Waiter[] = []

  /** Runs task when every task of older work before it has finished; its result or error. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const key = arrival.getStore() ?? performance.now()
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        task()
          .then(resolve, reject)
          .finally(() => {
            if (this.#waiting.length > 0) this.#next()
            else this.#busy = false
          })
      }
      // Even a free connection is taken on the event loop's next turn, never inside the callback that
      // read the request: otherwise every request the loop read at once ran to its end there, one
      // after the other, and a turn of 60 requests (180 ms) let the server accept one new connection
      // (Node accepts one per turn); the last of 64 new connections waited 6 s to be read (issue 15).
      this.#insert({ key, seq: this.#seq++, start })
      if (!this.#busy) {
        this.#busy = true
        this.#next()
      }
    })
  }

  /** How many tasks wait (not counting the one running). */
  get waiting(): number {
    return this.#waiting.length
  }

  #insert(w: Waiter): void {
    // Binary search for the first waiter that is younger: equal keys keep their order (seq).
    let lo = 0
    let hi = this.#waiting.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.#waiting[mid]!.key <= w.key) lo = mid + 1
      else hi = mid
    }
    this.#waiting.splice(lo, 0, w)
  }

  #next(): void {
    // Chosen after the event loop's turn, so a request read meanwhile can still go first.
    setImmediate(() => {
      const first = this.#waiting.shift()
      if (first) first.start()
      else this.#busy = false
    })
  }
}

/**
 * The PGlite client with its statements and transactions taking turns in one FairQueue. A whole
 * transaction is one turn: nothing else runs between its BEGIN and COMMIT (PGlite would make a
 * later statement wait for it anyway), so it should do only database work; its own statements go
 * straight to PGlite. Everything else (listen, close, dumps) passes through untouched.
 */
export function inArrivalOrder(client: PGlite, queue = new FairQueue()): PGlite {
  const query: PGlite['query'] = (...args) => queue.run(() => client.query(...args))
  const exec: PGlite['exec'] = (...args) => queue.run(() => client.exec(...args))
  const transaction: PGlite['transaction'] = (callback) => queue.run(() => client.transaction(callback))
  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'query') return query
      if (prop === 'exec') return exec
      if (prop === 'transaction') return transaction
      const value: unknown = Reflect.get(target, prop, target)
      // PGlite keeps its state in #private fields, which only the real instance can reach.
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
