// `npm run bench -- --in-process`: the earlier figures, through app.request() with no socket (the HTTP
// benchmark in run.ts is the headline now). Runs on the embedded database with the demo data; add
// BENCH_DATABASE_URL=postgres://… to measure PostgreSQL too (a scratch database is created there).
import { randomBytes } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import postgres from 'postgres'
import { createApp } from '../src/app'
import { fixedClock } from '../src/clock'
import { openDatabase, type Database } from '../src/db/client'
import { loadDemoData } from '../src/db/seed/demo'
import { silentLogger } from '../src/log'
import { SandboxGateway } from '../src/payments/sandbox-gateway'
import { runLifecycle } from '../src/services/lifecycle/run-lifecycle'
import { aBillingProfile, aCardOnFile, anOrganization, aProduct, aSubscription, aUser } from '../test/builders/index'

const NOW = '2026-11-25T10:00:00Z'
const REQUESTS = 300
const DUE_SUBSCRIPTIONS = 300

// Targets: what a user should never wait longer than, on this project's 2-core machine.
// Memory: PGlite keeps a whole PostgreSQL in WebAssembly memory (~300 MB here with two of them).
const TARGETS = { pageP95Ms: 50, renewalMs: 20, rssMb: 600 }

type Row = { what: string; value: string; target: string; ok: boolean }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

async function pageTimes(database: Database, label: string, rows: Row[]): Promise<void> {
  const clock = fixedClock(NOW)
  await loadDemoData(database.db, { clock, password: 'selfserve-demo' })
  const app = createApp({
    db: database.db,
    clock,
    gateway: new SandboxGateway(database.db),
    log: silentLogger,
    database,
    config: { trustProxy: false, env: 'test', regionAdminUrl: undefined },
  })
  const login = await app.request('/login')
  const csrf = /ss_csrf=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!
  const signedIn = await app.request('/login', {
    method: 'POST',
    body: new URLSearchParams({ _csrf: csrf, email: 'lea.martin@fabrikam.example', password: 'selfserve-demo' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ss_csrf=${csrf}` },
  })
  const session = /ss_session=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')![1]!
  const cookie = `ss_csrf=${csrf}; ss_session=${session}`
  const list = await (await app.request('/billing/licenses', { headers: { cookie } })).text()
  const licenses = /href="(\/billing\/licenses\/[0-9a-f-]{36})"/.exec(list)![1]!
  for (const [name, path] of [
    ['Your products', '/billing/products'],
    ['Licences of a product (40 users)', licenses],
    ['Checkout', '/billing/purchase/PROJ-P3?quantity=3'],
  ] as const) {
    for (let i = 0; i < 20; i++) await app.request(path, { headers: { cookie } }) // warm up
    const times: number[] = []
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now()
      const res = await app.request(path, { headers: { cookie } })
      await res.text()
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 95)
    rows.push({
      what: `${label}: GET ${name}, p50 / p95`,
      value: `${percentile(times, 50).toFixed(1)} / ${p95.toFixed(1)} ms`,
      target: `p95 ≤ ${TARGETS.pageP95Ms} ms`,
      ok: p95 <= TARGETS.pageP95Ms,
    })
  }
}

async function renewals(database: Database, label: string, rows: Row[]): Promise<void> {
  const org = await anOrganization(database.db)
  const product = await aProduct(database.db)
  for (let i = 0; i < DUE_SUBSCRIPTIONS; i++) {
    const user = await aUser(database.db, org.id)
    const profile = await aBillingProfile(database.db, user)
    const card = await aCardOnFile(database.db, user)
    await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-10-25T00:00:00Z'),
    })
  }
  const t = performance.now()
  const report = await runLifecycle({
    db: database.db,
    clock: fixedClock(NOW),
    gateway: new SandboxGateway(database.db),
    log: silentLogger,
  })
  const ms = performance.now() - t
  const per = ms / Math.max(1, report.renewed)
  rows.push({
    what: `${label}: lifecycle job, ${report.renewed} renewals`,
    value: `${(ms / 1000).toFixed(2)} s (${per.toFixed(1)} ms each)`,
    target: `≤ ${TARGETS.renewalMs} ms each`,
    ok: per <= TARGETS.renewalMs,
  })
}

async function onPostgres(url: string, rows: Row[]): Promise<void> {
  const name = `selfserve_bench_${randomBytes(4).toString('hex')}`
  const admin = postgres(url, { max: 1, onnotice: () => {} })
  await admin.unsafe(`create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: target.toString(), dataDir: '' })
  try {
    await database.migrate()
    await pageTimes(database, 'PostgreSQL', rows)
    await renewals(database, 'PostgreSQL', rows)
  } finally {
    await database.close()
    await admin.unsafe(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

const rows: Row[] = []
const embedded = await openDatabase({ dataDir: 'memory://' })
await embedded.migrate()
await pageTimes(embedded, 'PGlite', rows)
await renewals(embedded, 'PGlite', rows)
await embedded.close()
if (process.env.BENCH_DATABASE_URL) await onPostgres(process.env.BENCH_DATABASE_URL, rows)
const rss = process.memoryUsage().rss / 1024 / 1024
rows.push({
  what: 'Resident memory after the run',
  value: `${rss.toFixed(0)} MB`,
  target: `≤ ${TARGETS.rssMb} MB`,
  ok: rss <= TARGETS.rssMb,
})

process.stdout.write(`\n| measure | result | target | |\n|---|---|---|---|\n${rows.map(tableRow).join('\n')}\n\n`)
process.exit(rows.every((r) => r.ok) ? 0 : 1)

function tableRow(r: Row): string {
  return `| ${r.what} | ${r.value} | ${r.target} | ${r.ok ? 'ok' : 'MISSED'} |`
}
