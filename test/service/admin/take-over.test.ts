import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, invoices, licenseAssignments, notifications, subscriptions } from '../../../src/db/schema/index'
import { quoteRestOfTerm } from '../../../src/money/quote'
import { takeOverSubscription } from '../../../src/services/admin/take-over'
import { getTakeOver } from '../../../src/services/admin/take-over-plan'
import { listYourProducts } from '../../../src/services/subscriptions/list-your-products'
import {
  actorOf,
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const start = new Date('2026-11-01T00:00:00Z')

describe.each(DATABASE_KINDS)('taking a self-service subscription over on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-16T00:00:00Z')
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    const { db } = database
    w.org = await anOrganization(db)
    w.other = await anOrganization(db)
    w.adminUser = await aUser(db, w.org.id, { role: 'admin', displayName: 'Ada Admin' })
    w.admin = actorOf(w.adminUser)
    w.admin2 = actorOf(await aUser(db, w.org.id, { role: 'admin', displayName: 'Bob Admin' }))
    w.otherAdmin = actorOf(await aUser(db, w.other.id, { role: 'admin' }))
    w.product = await aProduct(db, { nameEn: 'Project Plan 3' })
    w.otherProduct = await aProduct(db, { nameEn: 'Visio Plan 2' })
    w.colleagues = await Promise.all(Array.from({ length: 6 }, () => aUser(db, w.org.id)))
  })
  afterAll(() => database.close())

  /** A member's self-service purchase of 10 licences, started on 1 November, billed to a French profile. */
  async function purchase(holders: number, over: object = {}) {
    const buyer = await aUser(database.db, w.org.id, { displayName: 'Léa Martin' })
    const profile = await aBillingProfile(database.db, buyer)
    const card = await aCardOnFile(database.db, buyer)
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: buyer.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: start,
      quantity: 10,
      unitPrice: 1000,
      assignedUserIds: [buyer.id, ...w.colleagues.slice(0, holders - 1).map((u: { id: string }) => u.id)],
      ...over,
    })
    return { buyer, sub }
  }
  /** One the admin bought centrally for the organization. */
  async function central(quantity: number, holderIds: string[] = [], over: object = {}) {
    return aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.adminUser.id,
      productId: w.product.id,
      source: 'admin',
      at: start,
      quantity,
      assignedUserIds: holderIds,
      ...over,
    })
  }
  const reload = async (id: string) =>
    (await database.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!
  const holdersOf = async (id: string) =>
    (
      await database.db
        .select({ userId: licenseAssignments.userId })
        .from(licenseAssignments)
        .where(eq(licenseAssignments.subscriptionId, id))
    )
      .map((r) => r.userId)
      .sort()
  const noticesOf = (userId: string) =>
    database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.kind, 'take_over')))
  const auditOf = (id: string) =>
    database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, 'subscription.taken_over')))

  it('moves the users to one with enough free licences, deletes the purchase and tells the purchaser', async () => {
    const { buyer, sub } = await purchase(4)
    const shared = w.colleagues[2].id // holds a licence of both already: not counted twice
    const target = await central(6, [w.adminUser.id, shared])
    const view = await getTakeOver(deps, w.admin, sub.id)
    expect(view.ok && view.value.movable).toBe(4)
    expect(view.ok && view.value.candidates.find((c) => c.id === target.id)).toMatchObject({
      source: 'admin',
      owner: 'Ada Admin',
      free: 4,
      needed: 3,
      enough: true,
    })

    const out = await takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: target.id })
    expect(out.ok && out.value.moved).toBe(3)
    const before = await holdersOf(target.id)
    expect(before).toEqual(
      [buyer.id, w.adminUser.id, ...w.colleagues.slice(0, 3).map((u: { id: string }) => u.id)].sort(),
    )
    expect(await holdersOf(sub.id)).toEqual([])
    const after = await reload(sub.id)
    expect(after).toMatchObject({ status: 'deleted', autoRenew: false, pendingQuantity: null })
    expect(after.statusChangedAt).toEqual(clock.now())

    const [notice] = await noticesOf(buyer.id)
    expect(notice).toMatchObject({ subscriptionId: sub.id, readAt: null })
    expect(notice!.data).toMatchObject({ by: 'Ada Admin', to: 'Ada Admin', toSource: 'admin', targetId: target.id })
    const [audit] = await auditOf(sub.id)
    expect(audit).toMatchObject({ actorId: w.admin.id, entityType: 'subscription' })
    expect(audit!.before).toMatchObject({ status: 'active', assigned: 4 })
    expect(audit!.after).toMatchObject({ status: 'deleted', takeOver: 'move', targetId: target.id, moved: 3 })

    // Gone from the purchaser's Your products (deleted subscriptions are not listed).
    const theirs = await listYourProducts(deps, actorOf(buyer), { tab: 'products', scope: 'all', status: 'any' })
    expect(theirs.rows.map((r) => r.id)).not.toContain(sub.id)
  })

  it('credits the purchaser the paid days left, prorated as a cancellation’s refund', async () => {
    const { sub } = await purchase(1)
    const target = await central(5)
    const out = await takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: target.id })
    const expected = quoteRestOfTerm(sub, { quantity: 10, country: 'FR', now: clock.now() })
    expect(out.ok && out.value.credit?.amount).toBe(expected.total)
    const [note] = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, sub.id))
    expect(note).toMatchObject({ kind: 'credit_note', type: 'cancel', total: expected.total })
    expect((await reload(sub.id)).termEnd).toEqual(clock.now())
  })

  it('cancels with a reason: the licences end, nothing moves, the reason reaches the purchaser', async () => {
    const { buyer, sub } = await purchase(3, {
      status: 'trial',
      startedAsTrial: true,
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
      billingProfileId: null,
      paymentMethodId: null,
    })
    const out = await takeOverSubscription(deps, w.admin, sub.id, {
      kind: 'cancel',
      reason: 'not_approved',
      note: '  Ask IT first.  ',
    })
    expect(out).toEqual({ ok: true, value: { kind: 'cancel', moved: 0, credit: null } })
    expect(await holdersOf(sub.id)).toEqual([])
    expect((await reload(sub.id)).status).toBe('deleted')
    const [notice] = await noticesOf(buyer.id)
    expect(notice!.data).toEqual({ by: 'Ada Admin', reason: 'not_approved', note: 'Ask IT first.' })
    const [audit] = await auditOf(sub.id)
    expect(audit!.after).toMatchObject({ takeOver: 'cancel', reason: 'not_approved', note: 'Ask IT first.' })
  })

  it('asks for a reason from the list, a note for Other, of at most 500 characters', async () => {
    const { sub } = await purchase(1)
    const cancel = (reason: string, note = '') =>
      takeOverSubscription(deps, w.admin, sub.id, { kind: 'cancel', reason, note })
    expect(await cancel('')).toEqual({ ok: false, refusal: 'reason_required' })
    expect(await cancel('bored')).toEqual({ ok: false, refusal: 'reason_required' })
    expect(await cancel('other', '   ')).toEqual({ ok: false, refusal: 'note_required' })
    expect(await cancel('duplicate', 'x'.repeat(501))).toEqual({
      ok: false,
      refusal: 'note_too_long',
      details: { max: 500, used: 501 },
    })
    expect((await reload(sub.id)).status).toBe('active')
  })

  it('refuses a target without enough free licences, with the number needed, and changes nothing', async () => {
    const { buyer, sub } = await purchase(3)
    const target = await central(2, [w.colleagues[5].id])
    const view = await getTakeOver(deps, w.admin, sub.id)
    expect(view.ok && view.value.candidates.find((c) => c.id === target.id)).toMatchObject({
      free: 1,
      needed: 3,
      enough: false,
    })
    const out = await takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: target.id })
    expect(out).toEqual({ ok: false, refusal: 'not_enough_licenses', details: { needed: 3, free: 1 } })
    expect((await reload(sub.id)).status).toBe('active')
    expect(await holdersOf(sub.id)).toHaveLength(3)
    expect(await holdersOf(target.id)).toEqual([w.colleagues[5].id])
    expect(await noticesOf(buyer.id)).toEqual([])
    expect(await auditOf(sub.id)).toEqual([])
  })

  it('refuses a target that is not a running subscription of the same product', async () => {
    const { sub } = await purchase(1)
    const targets = [
      await central(5, [], { productId: w.otherProduct.id }),
      await central(5, [], { status: 'expired' }),
      await central(5, [], { cancelledAt: start }),
      await central(5, [], { status: 'deleted' }),
    ]
    for (const t of targets)
      expect(await takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: t.id })).toEqual({
        ok: false,
        refusal: 'target_unavailable',
      })
    expect(await takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: sub.id })).toMatchObject({
      refusal: 'target_unavailable',
    })
    const view = await getTakeOver(deps, w.admin, sub.id)
    const listed = view.ok ? view.value.candidates.map((c) => c.id) : []
    for (const t of targets) expect(listed).not.toContain(t.id)
    expect(listed).not.toContain(sub.id)
  })

  it('answers not found to a member, another organization’s admin, and for a centrally bought one', async () => {
    const { buyer, sub } = await purchase(1)
    const cancel = { kind: 'cancel', reason: 'duplicate', note: '' } as const
    expect(await takeOverSubscription(deps, actorOf(buyer), sub.id, cancel)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect(await takeOverSubscription(deps, w.otherAdmin, sub.id, cancel)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await getTakeOver(deps, w.otherAdmin, sub.id)).toEqual({ ok: false, refusal: 'not_found' })
    const admins = await central(3)
    expect(await takeOverSubscription(deps, w.admin, admins.id, cancel)).toEqual({ ok: false, refusal: 'not_found' })
    expect((await reload(sub.id)).status).toBe('active')
  })

  it('refuses to take a deleted subscription over again', async () => {
    const { sub } = await purchase(1)
    const cancel = { kind: 'cancel', reason: 'duplicate', note: '' } as const
    expect((await takeOverSubscription(deps, w.admin, sub.id, cancel)).ok).toBe(true)
    expect(await takeOverSubscription(deps, w.admin, sub.id, cancel)).toEqual({ ok: false, refusal: 'already_deleted' })
    const view = await getTakeOver(deps, w.admin, sub.id)
    expect(view.ok && view.value.refusal).toBe('already_deleted')
  })

  it('lets one of two admins acting at once win; the other finds it deleted', async () => {
    const { buyer, sub } = await purchase(4)
    const target = await central(10)
    const outs = await Promise.all([
      takeOverSubscription(deps, w.admin, sub.id, { kind: 'move', targetId: target.id }),
      takeOverSubscription(deps, w.admin2, sub.id, { kind: 'cancel', reason: 'duplicate', note: '' }),
    ])
    expect(outs.filter((o) => o.ok)).toHaveLength(1)
    expect(outs.filter((o) => !o.ok)).toEqual([{ ok: false, refusal: 'already_deleted' }])
    expect(await noticesOf(buyer.id)).toHaveLength(1)
    expect(await auditOf(sub.id)).toHaveLength(1)
    expect(await database.db.select().from(invoices).where(eq(invoices.subscriptionId, sub.id))).toHaveLength(1)
  })

  it('never moves more users than the target has free when two purchases move into it at once', async () => {
    // Both purchases share two holders: the first to move needs 3 licences, the second only its purchaser's.
    const target = await central(3)
    const a = await purchase(3)
    const b = await purchase(3)
    const outs = await Promise.all(
      [a, b].map((p) => takeOverSubscription(deps, w.admin, p.sub.id, { kind: 'move', targetId: target.id })),
    )
    expect(outs.map((o) => o.ok).sort()).toEqual([false, true])
    expect(outs.find((o) => !o.ok)).toMatchObject({ refusal: 'not_enough_licenses', details: { needed: 1, free: 0 } })
    expect(await holdersOf(target.id)).toHaveLength(3)
  })
})
