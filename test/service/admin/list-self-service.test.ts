import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import {
  exportSelfService,
  getSelfServicePurchase,
  listSelfService,
  type SelfServiceFilter,
} from '../../../src/services/admin/list-self-service'
import { actorOf, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const at = new Date('2026-11-01T00:00:00Z')
const all: SelfServiceFilter = { tab: 'purchases', product: null, q: '', status: 'any', sort: 'expires_asc', page: 1 }

describe.each(DATABASE_KINDS)('the admin’s self-service view on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-20T10:00:00Z'))
    const { db } = database
    const org = await anOrganization(db)
    const other = await anOrganization(db)
    w.admin = actorOf(await aUser(db, org.id, { role: 'admin', displayName: 'Ada Admin' }))
    w.member = actorOf(await aUser(db, org.id, { displayName: 'Léa Martin' }))
    w.otherAdmin = actorOf(await aUser(db, other.id, { role: 'admin' }))
    const lea = w.member
    const tom = await aUser(db, org.id, { displayName: 'Tom 50% O_Neil' })
    const stranger = await aUser(db, other.id)
    const project = await aProduct(db, { nameEn: 'Project' })
    const visio = await aProduct(db, { nameEn: 'Visio' })
    w.project = project
    const mk = (o: object) => aSubscription(db, { orgId: org.id, at, ...o } as any)
    // Léa: 3 × €25 monthly ending 2026-12-01, two users; Tom: 10 × €10 annual; one expired; one trial.
    w.leaProject = await mk({
      purchaserId: lea.id,
      productId: project.id,
      quantity: 3,
      unitPrice: 2500,
      assignedUserIds: [lea.id, tom.id],
    })
    w.tomVisio = await mk({ purchaserId: tom.id, productId: visio.id, billingFrequency: 'annual', quantity: 10 })
    w.tomExpired = await mk({
      purchaserId: tom.id,
      productId: project.id,
      status: 'expired',
      quantity: 1,
      unitPrice: 500,
      termEnd: new Date('2026-11-15T00:00:00Z'),
    })
    w.trial = await mk({
      purchaserId: lea.id,
      productId: visio.id,
      status: 'trial',
      startedAsTrial: true,
      quantity: 25,
      unitPrice: 0,
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
    })
    // Neither is a self-service purchase of this organization: an admin's own assignment, another tenant's.
    await mk({ purchaserId: lea.id, productId: project.id, source: 'admin' })
    await aSubscription(db, { orgId: other.id, purchaserId: stranger.id, productId: project.id, at })
  })
  afterAll(() => database.close())

  const list = async (f: Partial<SelfServiceFilter> = {}) => {
    const out = await listSelfService(deps, w.admin, { ...all, ...f })
    if (!out.ok) throw new Error(out.refusal)
    return out.value
  }

  it('lists every self-service purchase of several purchasers with licences, holders and totals', async () => {
    const l = await list()
    expect(l.total).toBe(3)
    expect(l.rows.map((r) => r.id)).toEqual([w.tomExpired.id, w.leaProject.id, w.tomVisio.id])
    const lea = l.rows.find((r) => r.id === w.leaProject.id)!
    expect(lea).toMatchObject({ quantity: 3, assigned: 2, unitPrice: 2500, termTotal: 7500, currency: 'EUR' })
    expect(lea.purchaser.displayName).toBe('Léa Martin')
    expect(lea.users.map((u) => u.displayName)).toEqual(['Léa Martin', 'Tom 50% O_Neil'])
    expect(l.rows.find((r) => r.id === w.tomVisio.id)!.termTotal).toBe(10000)
  })

  it('shows trials on their own tab, dated by the trial’s end', async () => {
    const l = await list({ tab: 'trials' })
    expect(l.rows.map((r) => r.id)).toEqual([w.trial.id])
    expect(l.rows[0]!.expiresAt.toISOString()).toBe('2026-12-01T00:00:00.000Z')
  })

  it('filters by product, status and a piece of the purchaser’s name (wildcards taken literally)', async () => {
    expect((await list({ product: w.project.id })).rows.map((r) => r.id).sort()).toEqual(
      [w.leaProject.id, w.tomExpired.id].sort(),
    )
    expect((await list({ status: 'expired' })).rows.map((r) => r.id)).toEqual([w.tomExpired.id])
    expect((await list({ q: 'léa' })).rows.map((r) => r.id)).toEqual([w.leaProject.id])
    expect((await list({ q: '50%' })).total).toBe(2)
    expect((await list({ q: '%' })).total).toBe(2)
    expect((await list({ q: 'O_N' })).total).toBe(2)
    expect((await list({ q: '_' })).total).toBe(2)
  })

  it('sorts by price per term either way, and by expiration date latest first', async () => {
    expect((await list({ sort: 'price_desc' })).rows.map((r) => r.termTotal)).toEqual([10000, 7500, 500])
    expect((await list({ sort: 'price_asc' })).rows.map((r) => r.termTotal)).toEqual([500, 7500, 10000])
    expect((await list({ sort: 'expires_desc' })).rows.map((r) => r.id)).toEqual([
      w.tomVisio.id,
      w.leaProject.id,
      w.tomExpired.id,
    ])
  })

  it('pages past the last page land on the last one', async () => {
    const l = await list({ page: 7 })
    expect(l).toMatchObject({ page: 1, pages: 1, total: 3 })
  })

  it('exports every row of the filter in its order', async () => {
    const out = exportSelfService(deps, w.admin, { ...all, sort: 'price_desc' })
    if (!out.ok) throw new Error(out.refusal)
    const rows = []
    for await (const batch of out.value) rows.push(...batch)
    expect(rows.map((r) => r.termTotal)).toEqual([10000, 7500, 500])
  })

  it('gives one purchase with all its holders, and nothing of another organization', async () => {
    const out = await getSelfServicePurchase(deps, w.admin, w.leaProject.id)
    expect(out.ok && out.value.users.length).toBe(2)
    expect(await getSelfServicePurchase(deps, w.otherAdmin, w.leaProject.id)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
  })

  it('refuses a member and an admin of another organization sees only their own', async () => {
    expect(await listSelfService(deps, w.member, all)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await getSelfServicePurchase(deps, w.member, w.leaProject.id)).toEqual({ ok: false, refusal: 'not_found' })
    const theirs = await listSelfService(deps, w.otherAdmin, all)
    expect(theirs.ok && theirs.value.total).toBe(1)
  })
  it('counts at most 1,000 rows past the page, and says there are more', async () => {
    const { db } = database
    const org = await anOrganization(db)
    const admin = actorOf(await aUser(db, org.id, { role: 'admin' }))
    const first = await aSubscription(db, { orgId: org.id, purchaserId: admin.id, productId: w.project.id, at })
    // 1,029 copies of one subscription, in one statement (the builder would take a minute).
    await db.execute(sql`insert into subscriptions (org_id, product_id, purchaser_id, billing_profile_id,
        payment_method_id, status, quantity, billing_frequency, unit_price, currency, source, term_start, term_end,
        status_changed_at, created_at, updated_at)
      select org_id, product_id, purchaser_id, billing_profile_id, payment_method_id, status, quantity,
        billing_frequency, unit_price, currency, source, term_start, term_end + n * interval '1 minute',
        status_changed_at, created_at, updated_at
      from subscriptions, generate_series(1, 1029) n where id = ${first.id}`)
    const one = await listSelfService(deps, admin, all)
    expect(one.ok && one.value).toMatchObject({ total: 1000, more: true, page: 1, pages: 40 })
    const later = await listSelfService(deps, admin, { ...all, page: 40 })
    expect(later.ok && later.value).toMatchObject({ total: 1000, more: true, page: 40, pages: 40 })
    const past = await listSelfService(deps, admin, { ...all, page: 41 })
    expect(past.ok && past.value).toMatchObject({ total: 1030, more: false, page: 41, pages: 42 })
    const last = await listSelfService(deps, admin, { ...all, page: 42 })
    expect(last.ok && last.value.rows).toHaveLength(5)
  })
})
