import { Hono } from 'hono'
import type { AppEnv } from '../http/env'

// Mounted only with BENCH_ROUTES=1 (docs/configuration.md). `npm run bench` measures each page
// beside this yardstick: one `select 1` on the app's own pool, with no session, language or CSRF
// work, so a page's cost reads as a multiple of a bare query on the same process and database.
export const benchRoutes = new Hono<AppEnv>()

benchRoutes.get('/bench/select-1', async (c) => {
  await c.var.deps.database.ping()
  return c.text('1')
})
