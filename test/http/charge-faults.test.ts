import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import { openDatabase, type Database } from '../../src/db/client'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import { reconcileCharges } from '../../src/services/charges/reconcile-charges'
import { silentLogger } from '../../src/log'
import {
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
  PASSWORD,
} from '../builders/index'
import { freshPostgresUrl } from '../support/databases'
import { Agent, testApp } from '../support/http'
import { moneyDifferences } from '../support/money-check'
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy'

// Issue 9, findings 2 and 3: the database connection is cut while purchases and licence
// purchases are being charged. The app talks to PostgreSQL through a TCP proxy; the sandbox
// gateway (the other side of a network) does not. Nothing may crash, requests during the cut
// answer 503, the app serves again once the proxy is back, and after one reconciler run every
// charge the gateway took is recorded with its invoice or refunded.
const PURCHASES = 24
const LICENSE_BUYS = 16

describe.skipIf(!process.env.TEST_DATABASE_URL)('charges while the database connection is cut', () => {
  let direct: Database
  let viaProxy: Database
  let proxy: TcpProxy
  let drop: () => Promise<void>
  const clock = fixedClock('2026-11-25T10:00:00Z')
  const w = {} as Record<string, any>

  beforeAll(async () => {
    const fresh = await freshPostgresUrl()
    drop = fresh.drop
    direct = await openDatabase({ databaseUrl: fresh.url, dataDir: '' })
    await direct.migrate()
    const target = new URL(fresh.url)
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    viaProxy = await openDatabase({ databaseUrl: proxy.url(fresh.url), dataDir: '', maxConnections: 10 })
    w.org = await anOrganization(direct.db)
    w.lea = await aUser(direct.db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
    w.product = await aProduct(direct.db, { code: 'PROJ-P3', monthlyPrice: 2810, annualPrice: 28100 })
    w.profile = await aBillingProfile(direct.db, w.lea)
    w.card = await aCardOnFile(direct.db, w.lea)
    w.subs = []
    for (let i = 0; i < LICENSE_BUYS; i++) {
      const over = { billingProfileId: w.profile.id, paymentMethodId: w.card.id, at: new Date('2026-11-20T00:00:00Z') }
      w.subs.push(
        await aSubscription(direct.db, { orgId: w.org.id, purchaserId: w.lea.id, productId: w.product.id, ...over }),
      )
    }
  })
  afterAll(async () => {
    await viaProxy?.close()
    await proxy?.close()
    await direct?.close()
    await drop?.()
  })

  it('stays up, answers 503 during the cut, recovers, and leaves no charge unsettled', async () => {
    const gateway = new SandboxGateway(direct.db)
    // The cut comes while charges are in flight: right after the gateway took the tenth one.
    let charged = 0
    const cutting = Object.create(gateway, {
      charge: {
        value: async (input: Parameters<SandboxGateway['charge']>[0]) => {
          const answer = await gateway.charge(input)
          if (++charged === 10) proxy.cut()
          return answer
        },
      },
    })
    const app = testApp(viaProxy, clock, cutting)
    const lea = new Agent(app)
    await lea.signIn('lea@example.test', PASSWORD)
    expect((await lea.get('/billing/products')).status).toBe(200)

    const buys = Array.from({ length: PURCHASES }, (_, i) =>
      lea.post('/billing/purchase/PROJ-P3', {
        quantity: String(1 + (i % 3)),
        frequency: 'monthly',
        profile: w.profile.id,
        idempotencyKey: randomUUID(),
        quotedTotal: String(3372 * (1 + (i % 3))),
        payment: `saved:${w.card.id}`,
      }),
    )
    const adds = w.subs.map((sub: { id: string }) =>
      lea.post(`/billing/products/${sub.id}/licenses`, { total: '12', formKey: randomUUID() }),
    )
    const statuses = (await Promise.all([...buys, ...adds])).map((r) => r.status)
    expect(proxy.connections).toBeGreaterThan(0)
    expect(statuses.filter((s) => s !== 303 && s !== 503)).toEqual([])
    expect(statuses).toContain(503)

    // Still cut: pages say the service is briefly unavailable, readiness says not ready.
    const during = await lea.get('/billing/products')
    expect(during.status).toBe(503)
    expect((await lea.get('/readyz')).status).toBe(503)

    // Back: the same process serves again, with no restart.
    proxy.restore()
    let after = 0
    for (let i = 0; i < 50 && after !== 200; i++) {
      after = (await lea.get('/billing/products')).status
      if (after !== 200) await new Promise((r) => setTimeout(r, 100))
    }
    expect(after).toBe(200)

    // One reconciler run, minutes later, settles what the outage left: nothing differs.
    const later = fixedClock(new Date(clock.now().getTime() + 6 * 60_000))
    await reconcileCharges({ db: viaProxy.db, clock: later, gateway, log: silentLogger })
    expect(await moneyDifferences(direct.db)).toEqual([])
    expect(gateway.charges.length).toBeGreaterThanOrEqual(10)
  }, 60_000)
})
