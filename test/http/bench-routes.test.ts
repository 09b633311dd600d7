import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { fixedClock } from '../../src/clock'
import { loadConfig } from '../../src/config'
import type { Database } from '../../src/db/client'
import { freshDatabase } from '../support/databases'
import { testDeps } from '../support/deps'
import { testApp } from '../support/http'

// GET /bench/select-1 is npm run bench's yardstick (docs/benchmarks.md): it answers without a session,
// so it must not exist in an app started without BENCH_ROUTES=1.
let database: Database
const clock = fixedClock('2026-11-25T10:00:00Z')

beforeAll(async () => {
  database = await freshDatabase('pglite')
})
afterAll(async () => {
  await database.close()
})

describe('the benchmark route', () => {
  it('is not found when the app is started without BENCH_ROUTES', async () => {
    const res = await testApp(database, clock).request('/bench/select-1')
    expect(res.status).toBe(404)
    expect(loadConfig({}).benchRoutes).toBe(false)
  })

  it('runs one query on the app’s database with BENCH_ROUTES=1, signed out', async () => {
    const config = loadConfig({ BENCH_ROUTES: '1' })
    expect(config.benchRoutes).toBe(true)
    const app = createApp({ ...testDeps(database, clock), database, config })
    const res = await app.request('/bench/select-1')
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('1')
  })
})
