import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents } from '../../../src/db/schema/index'
import { getSelfServicePolicy, setSelfServicePolicy } from '../../../src/services/admin/self-service-policy'
import { listPurchaseCatalog, productOffer } from '../../../src/services/purchase/catalog'
import { actorOf, anOrganization, aPolicy, aProduct, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

describe.each(DATABASE_KINDS)('the self-service policy on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-20T10:00:00Z'))
    const { db } = database
    const org = await anOrganization(db)
    const other = await anOrganization(db)
    w.org = org
    w.admin = actorOf(await aUser(db, org.id, { role: 'admin' }))
    w.member = actorOf(await aUser(db, org.id))
    w.otherMember = actorOf(await aUser(db, other.id))
    w.a = await aProduct(db, { nameEn: 'A product', trialOffer: 'without_payment_method' })
    w.b = await aProduct(db, { nameEn: 'B product' })
    w.c = await aProduct(db, { nameEn: 'C product' })
    await aPolicy(db, org.id, w.c.id, 'trials_only')
  })
  afterAll(() => database.close())

  const settings = async () => {
    const out = await getSelfServicePolicy(deps, w.admin)
    if (!out.ok) throw new Error(out.refusal)
    return Object.fromEntries(out.value.products.map((p) => [p.name.en, p.setting]))
  }

  it('shows every product, allowed unless the organization said otherwise', async () => {
    expect(await settings()).toEqual({ 'A product': 'allowed', 'B product': 'allowed', 'C product': 'trials_only' })
  })

  it('saves all settings together and audits only the ones that changed, before and after', async () => {
    const out = await setSelfServicePolicy(deps, w.admin, {
      [w.a.id]: 'blocked',
      [w.b.id]: 'allowed',
      [w.c.id]: 'allowed',
    })
    expect(out.ok && out.value.changes.map((c) => [c.productId, c.before, c.after])).toEqual([
      [w.a.id, 'allowed', 'blocked'],
      [w.c.id, 'trials_only', 'allowed'],
    ])
    expect(await settings()).toEqual({ 'A product': 'blocked', 'B product': 'allowed', 'C product': 'allowed' })
    const audited = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, 'policy.changed')))
    expect(audited.map((e) => [e.entityId, e.actorId, e.before, e.after])).toEqual(
      expect.arrayContaining([
        [w.a.id, w.admin.id, { setting: 'allowed' }, { setting: 'blocked' }],
        [w.c.id, w.admin.id, { setting: 'trials_only' }, { setting: 'allowed' }],
      ]),
    )
    expect(audited).toHaveLength(2)
  })

  it('takes a blocked product out of Purchase services for members of that organization only', async () => {
    const names = async (actor: unknown) => (await listPurchaseCatalog(deps, actor as any)).map((e) => e.product.nameEn)
    expect(await names(w.member)).toEqual(['B product', 'C product'])
    expect(await names(w.otherMember)).toEqual(['A product', 'B product', 'C product'])
  })

  it('audits concurrent saves as a chain: each change starts from what the one before left', async () => {
    const choices = ['blocked', 'trials_only', 'allowed'] as const
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => setSelfServicePolicy(deps, w.admin, { [w.b.id]: choices[i % 3]! })),
    )
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'policy.changed'), eq(auditEvents.entityId, w.b.id)))
      .orderBy(auditEvents.id)
    const final = (await settings())['B product']
    // Without the organization's lock, two saves read the same "before" and the chain breaks.
    let expected: unknown = 'allowed'
    for (const e of events) {
      expect((e.before as { setting: string }).setting).toBe(expected)
      expected = (e.after as { setting: string }).setting
    }
    expect(expected).toBe(final)
  })

  it('blocks products added later without changing the ones already in the catalog', async () => {
    const names = async (actor: unknown) => (await listPurchaseCatalog(deps, actor as any)).map((e) => e.product.nameEn)
    // A product the organization never set: it follows the default until the default changes.
    await aProduct(database.db, { nameEn: 'B2 product, never set' })
    const before = await names(w.member)
    expect(before).toContain('B2 product, never set')
    const shown = await getSelfServicePolicy(deps, w.admin)
    if (!shown.ok) throw new Error(shown.refusal)
    expect(shown.value.newProducts).toBe('allowed')
    const current = Object.fromEntries(shown.value.products.map((p) => [p.productId, p.setting]))
    const out = await setSelfServicePolicy(deps, w.admin, current, 'blocked')
    expect(out.ok && out.value).toEqual({ changes: [], newProducts: { before: 'allowed', after: 'blocked' } })
    // Every product keeps its setting, for this organization's members and for the other's.
    expect(await names(w.member)).toEqual(before)
    const later = await aProduct(database.db, { nameEn: 'D product, added later' })
    expect(await names(w.member)).toEqual(before)
    expect(await names(w.otherMember)).toContain('D product, added later')
    expect((await settings())['D product, added later']).toBe('blocked')
    expect(await productOffer(deps, w.member, later.code)).toMatchObject({ offer: { canBuy: false, trial: null } })
    const [audited] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, 'organization.new_product_policy_changed')))
    expect([audited?.actorId, audited?.entityId, audited?.before, audited?.after]).toEqual([
      w.admin.id,
      w.org.id,
      { newProductPolicy: 'allowed' },
      { newProductPolicy: 'blocked' },
    ])
  })

  it('allows products added later again, and the one added while blocked stays blocked', async () => {
    const out = await setSelfServicePolicy(deps, w.admin, {}, 'allowed')
    expect(out.ok && out.value.newProducts).toEqual({ before: 'blocked', after: 'allowed' })
    expect((await settings())['D product, added later']).toBe('blocked')
    await aProduct(database.db, { nameEn: 'E product, added after that' })
    expect((await settings())['E product, added after that']).toBe('allowed')
    // Saving the same default again changes nothing and audits nothing.
    const again = await setSelfServicePolicy(deps, w.admin, {}, 'allowed')
    expect(again.ok && again.value).toEqual({ changes: [], newProducts: null })
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, w.org.id), eq(auditEvents.action, 'organization.new_product_policy_changed')))
    expect(events).toHaveLength(2)
  })

  it('refuses a member, and a product that is not offered', async () => {
    expect(await getSelfServicePolicy(deps, w.member)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await setSelfServicePolicy(deps, w.member, { [w.a.id]: 'allowed' })).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await setSelfServicePolicy(deps, w.admin, { '00000000-0000-4000-8000-000000000000': 'allowed' })).toEqual({
      ok: false,
      refusal: 'unknown_product',
    })
  })
})
