import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, invoices, payments, subscriptions } from '../../../src/db/schema/index'
import { cancelSubscription, previewCancellation } from '../../../src/services/subscriptions/cancel-subscription'
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

const reason = { reason: 'too_expensive', feedback: '' }

describe.each(DATABASE_KINDS)('cancelling a subscription on %s', (kind) => {
  let database: Database
  const clock = fixedClock('2026-11-04T00:00:00Z')
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db)
  })
  afterAll(() => database.close())

  /** A subscription of its own for each test, started on 1 November, billed to a French profile. */
  async function owned(over: object = {}) {
    const buyer = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, buyer)
    const card = await aCardOnFile(database.db, buyer)
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: buyer.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
      quantity: 10,
      unitPrice: 1000,
      ...over,
    })
    return { actor: actorOf(buyer), sub }
  }
  const reload = async (id: string) =>
    (await database.db.select().from(subscriptions).where(eq(subscriptions.id, id)))[0]!
  const billsOf = (id: string) => database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))

  it('refuses a subscription it cannot find: unknown, another user’s, deleted', async () => {
    const { actor, sub } = await owned()
    const other = await owned()
    const deleted = await owned({ status: 'deleted' })
    expect(await cancelSubscription(deps, actor, other.sub.id, reason)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await cancelSubscription(deps, actor, randomUUID(), reason)).toEqual({ ok: false, refusal: 'not_found' })
    expect(await cancelSubscription(deps, deleted.actor, deleted.sub.id, reason)).toEqual({
      ok: false,
      refusal: 'not_found',
    })
    expect((await reload(sub.id)).cancelledAt).toBeNull()
  })

  it('refuses to cancel twice, and to cancel an expired subscription', async () => {
    clock.set('2026-11-20T00:00:00Z')
    const { actor, sub } = await owned()
    expect((await cancelSubscription(deps, actor, sub.id, reason)).ok).toBe(true)
    expect(await cancelSubscription(deps, actor, sub.id, reason)).toEqual({ ok: false, refusal: 'already_cancelled' })
    const expired = await owned({ status: 'expired' })
    expect(await cancelSubscription(deps, expired.actor, expired.sub.id, reason)).toEqual({
      ok: false,
      refusal: 'not_cancellable',
    })
  })

  it('asks for a reason from the list, and feedback of at most 5,000 characters', async () => {
    const { actor, sub } = await owned()
    expect(await cancelSubscription(deps, actor, sub.id, { reason: '', feedback: '' })).toEqual({
      ok: false,
      refusal: 'reason_required',
    })
    expect(await cancelSubscription(deps, actor, sub.id, { reason: 'bored', feedback: '' })).toEqual({
      ok: false,
      refusal: 'reason_required',
    })
    expect(await cancelSubscription(deps, actor, sub.id, { ...reason, feedback: 'x'.repeat(5001) })).toEqual({
      ok: false,
      refusal: 'feedback_too_long',
      details: { max: 5000, used: 5001 },
    })
    expect((await reload(sub.id)).cancelledAt).toBeNull()
  })

  it('ends at once within 7 days, with a prorated Cancel credit note refunded to the card', async () => {
    clock.set('2026-11-04T00:00:00Z')
    const { actor, sub } = await owned()
    await deps.db.insert(payments).values({
      orgId: w.org.id,
      subscriptionId: sub.id,
      kind: 'charge',
      status: 'succeeded',
      amount: 12_000,
      currency: 'EUR',
      idempotencyKey: `seed:${sub.id}`,
      gatewayReference: 'ch_cancel_seed',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    })
    expect((await previewCancellation(deps, actor, sub.id)).ok).toBe(true)
    const out = await cancelSubscription(deps, actor, sub.id, { reason: 'too_expensive', feedback: '  Too dear.  ' })
    expect(out.ok && out.value.kind).toBe('immediate')
    expect(await reload(sub.id)).toMatchObject({
      status: 'disabled',
      autoRenew: false,
      cancellationReason: 'too_expensive',
      cancellationFeedback: 'Too dear.',
      termEnd: new Date('2026-11-04T00:00:00Z'),
    })
    // 10 × €10.00 × 27/30 days = €90.00; 20 % VAT €18.00
    expect((await billsOf(sub.id)).map((i) => [i.kind, i.type, i.subtotal, i.tax, i.total, i.status])).toEqual([
      ['credit_note', 'cancel', 9000, 1800, 10_800, 'credited'],
    ])
    expect(deps.gateway.refunds.at(-1)).toMatchObject({ chargeReference: 'ch_cancel_seed', amount: 10_800 })
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, sub.id))
    expect(audit.map((a) => a.action)).toEqual(['subscription.cancelled'])
  })

  it('after 7 days, turns recurring billing off and keeps access to the term end, with no credit', async () => {
    clock.set('2026-11-08T00:00:00Z')
    const { actor, sub } = await owned({ pendingQuantity: 8 })
    const refunds = deps.gateway.refunds.length
    const out = await cancelSubscription(deps, actor, sub.id, reason)
    expect(out).toEqual({ ok: true, value: { kind: 'at_term_end', accessUntil: new Date('2026-12-01T00:00:00Z') } })
    // A pending reduction is dropped: there will be no renewal to apply it at.
    expect(await reload(sub.id)).toMatchObject({
      status: 'active',
      autoRenew: false,
      pendingQuantity: null,
      termEnd: new Date('2026-12-01T00:00:00Z'),
      cancelledAt: new Date('2026-11-08T00:00:00Z'),
    })
    expect(await billsOf(sub.id)).toEqual([])
    expect(deps.gateway.refunds.length).toBe(refunds)
  })
})
