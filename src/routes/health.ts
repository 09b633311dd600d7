import { Hono } from 'hono'
import type { AppEnv } from '../http/env'

export const health = new Hono<AppEnv>()

// Liveness: the process answers. Readiness: it can reach its database (DESIGN §10).
health.get('/healthz', (c) => c.json({ status: 'ok' }))

health.get('/readyz', async (c) => {
  try {
    await c.var.deps.database.ping()
    return c.json({ status: 'ready' })
  } catch (e) {
    c.var.deps.log.warn('readiness check failed', { error: String(e) })
    return c.json({ status: 'unavailable' }, 503)
  }
})
