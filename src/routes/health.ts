import { Hono } from 'hono'
import type { AppEnv } from '../http/env'
import { describeError } from '../log'

export const health = new Hono<AppEnv>()

/**
 * How long /readyz waits for the database. A probe must get its answer quickly: while the
 * database is unreachable, a ping can wait for a connect timeout or a reconnect backoff.
 */
export const READY_TIMEOUT_MS = 2_000

// Liveness: the process answers, whatever the database does, so a supervisor does not restart a
// process that only waits for its database. Readiness: it can reach its database (DESIGN §10).
health.get('/healthz', (c) => c.json({ status: 'ok' }))

health.get('/readyz', async (c) => {
  try {
    await within(READY_TIMEOUT_MS, c.var.deps.database.ping())
    return c.json({ status: 'ready' })
  } catch (e) {
    c.var.deps.log.warn('readiness check failed', { error: describeError(e) })
    return c.json({ status: 'unavailable' }, 503)
  }
})

class ReadinessTimeout extends Error {
  override name = 'ReadinessTimeout'
}

/** The promise, or a ReadinessTimeout after ms. The late answer is still awaited (no unhandled rejection). */
async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout()), ms)
  })
  try {
    return await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}
