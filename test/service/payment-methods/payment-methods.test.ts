import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, billingProfiles, paymentMethods, subscriptions } from '../../../src/db/schema/index'
import { checkCard } from '../../../src/payments/card'
import { runLifecycle } from '../../../src/services/lifecycle/run-lifecycle'
import { addPaymentMethod } from '../../../src/services/payment-methods/add-payment-method'
import { deletePaymentMethod } from '../../../src/services/payment-methods/delete-payment-method'
import { editPaymentMethod } from '../../../src/services/payment-methods/edit-payment-method'
import { getPaymentMethod, listPaymentMethods } from '../../../src/services/payment-methods/payment-methods'
import { replacePaymentMethod } from '../../../src/services/payment-methods/replace-payment-method'
import {
  aBillingProfile,
  aCard,
  aCardOnFile,
  actorOf,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const NOW = '2026-11-25T10:00:00Z'
const WRONG_CODE_TOKEN = 'tok_sb_incorrect_cvc_00000000000000000000000000000127'
const ADDRESS = { line1: '5 Main Street', line2: '', city: 'London', postalCode: 'N1 9GU', country: 'GB' }

/** A card as the pane's form sends it, checked as the route checks it. */
function typed(number: string, over: Partial<ReturnType<typeof aCard>> = {}) {
  const checked = checkCard(aCard(number, over), new Date(NOW))
  if (!checked.ok) throw new Error(`bad test card ${number}`)
  return checked.card
}

const anEdit = (over: object = {}) => ({
  expMonth: '3',
  expYear: '2031',
  nameOnCard: 'L. Martin',
  address: ADDRESS,
  cvc: '123',
  ...over,
})

describe.each(DATABASE_KINDS)('payment methods on %s', (kind) => {
  let database: Database
  const clock = fixedClock(NOW)
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.otherOrg = await anOrganization(database.db)
    w.product = await aProduct(database.db, { code: `PLAN-${kind}`, nameEn: 'Plan', nameFr: 'Forfait' })
  })
  beforeEach(() => {
    clock.set(NOW)
  })
  afterAll(() => database.close())

  async function aBuyer(orgId = w.org.id) {
    const user = await aUser(database.db, orgId, { displayName: 'Léa Martin' })
    const profile = await aBillingProfile(database.db, user)
    const card = await aCardOnFile(database.db, user)
    await database.db
      .update(billingProfiles)
      .set({ paymentMethodId: card.id })
      .where(eq(billingProfiles.id, profile.id))
    const sub = await aSubscription(database.db, {
      orgId,
      purchaserId: user.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
    })
    return { user, actor: actorOf(user), profile, card, sub }
  }
  const cardsOf = (ownerId: string) =>
    database.db.select().from(paymentMethods).where(eq(paymentMethods.ownerId, ownerId))
  const auditsOf = (entityId: string) =>
    database.db.select().from(auditEvents).where(eq(auditEvents.entityId, entityId)).orderBy(auditEvents.id)

  describe('add', () => {
    it('saves a card the gateway accepts, with its address, and audits it without the token', async () => {
      const b = await aBuyer()
      const out = await addPaymentMethod(
        deps,
        b.actor,
        { card: typed('4242424242424242'), address: ADDRESS },
        randomUUID(),
      )
      expect(out).toMatchObject({ ok: true, value: { brand: 'visa', last4: '4242' } })
      if (!out.ok) return
      const [row] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, out.value.id))
      expect(row).toMatchObject({
        expMonth: 12,
        expYear: 2030,
        nameOnCard: 'Léa Martin',
        city: 'London',
        country: 'GB',
      })
      const [audit] = await auditsOf(out.value.id)
      expect(audit).toMatchObject({ action: 'payment_method.added', after: { last4: '4242', city: 'London' } })
      expect(JSON.stringify(audit!.after)).not.toContain(row!.gatewayToken)
    })

    for (const [number, decline] of [
      ['4000000000000002', 'card_declined'],
      ['4000000000000127', 'incorrect_cvc'],
      ['4000000000000069', 'expired_card'],
      ['4000000000000119', 'processing_error'],
    ] as const) {
      it(`refuses …${number.slice(-4)} as ${decline} and saves nothing`, async () => {
        const b = await aBuyer()
        const out = await addPaymentMethod(deps, b.actor, { card: typed(number), address: ADDRESS }, randomUUID())
        expect(out).toEqual({ ok: false, refusal: decline })
        expect(await cardsOf(b.user.id)).toHaveLength(1)
      })
    }

    it('saves …9995 (insufficient funds shows only when the card is charged)', async () => {
      const b = await aBuyer()
      const out = await addPaymentMethod(
        deps,
        b.actor,
        { card: typed('4000000000009995'), address: ADDRESS },
        randomUUID(),
      )
      expect(out.ok).toBe(true)
      expect(await cardsOf(b.user.id)).toHaveLength(2)
    })

    it('never takes a card whose expiry has passed', () => {
      const past = checkCard(aCard('4242424242424242', { expMonth: '10', expYear: '2026' }), new Date(NOW))
      expect(past).toEqual({ ok: false, problems: { expMonth: 'expired' } })
    })

    it('saves one card when the same form is sent twice at once', async () => {
      const b = await aBuyer()
      const key = randomUUID()
      const input = { card: typed('5555555555554444'), address: ADDRESS }
      const [one, two] = await Promise.all([
        addPaymentMethod(deps, b.actor, input, key),
        addPaymentMethod(deps, b.actor, input, key),
      ])
      expect(one.ok && two.ok && one.value.id === two.value.id).toBe(true)
      expect(await cardsOf(b.user.id)).toHaveLength(2)
    })

    it('refuses a guest', async () => {
      const guest = actorOf(await aUser(database.db, w.org.id, { kind: 'guest' }))
      const out = await addPaymentMethod(
        deps,
        guest,
        { card: typed('4242424242424242'), address: ADDRESS },
        randomUUID(),
      )
      expect(out).toEqual({ ok: false, refusal: 'not_found' })
      expect(await listPaymentMethods(deps, guest)).toEqual({ ok: false, refusal: 'not_found' })
    })
  })

  describe('list', () => {
    it('shows each card with what uses it and the expiry badges', async () => {
      const b = await aBuyer()
      const soon = await aCardOnFile(database.db, b.user)
      await database.db
        .update(paymentMethods)
        .set({ expMonth: 12, expYear: 2026 })
        .where(eq(paymentMethods.id, soon.id))
      const old = await aCardOnFile(database.db, b.user)
      await database.db.update(paymentMethods).set({ expMonth: 10, expYear: 2026 }).where(eq(paymentMethods.id, old.id))
      const out = await listPaymentMethods(deps, b.actor)
      if (!out.ok) throw new Error(out.refusal)
      const byId = new Map(out.value.map((c) => [c.id, c]))
      expect(byId.get(b.card.id)).toMatchObject({
        expiry: 'valid',
        canDelete: false,
        usedBy: {
          profiles: [{ id: b.profile.id, name: 'Léa Martin' }],
          subscriptions: [{ id: b.sub.id, productName: { en: 'Plan', fr: 'Forfait' } }],
        },
      })
      expect(byId.get(soon.id)).toMatchObject({ expiry: 'expires_soon', canDelete: true })
      expect(byId.get(old.id)).toMatchObject({ expiry: 'expired', canDelete: true })
    })
  })

  describe('edit', () => {
    it('saves the expiry, name and address once the gateway checked the security code', async () => {
      const b = await aBuyer()
      const out = await editPaymentMethod(deps, b.actor, b.card.id, anEdit())
      expect(out).toMatchObject({ ok: true, value: { last4: '4242' } })
      const [row] = await cardsOf(b.user.id)
      expect(row).toMatchObject({ expMonth: 3, expYear: 2031, nameOnCard: 'L. Martin', city: 'London' })
      const [audit] = await auditsOf(b.card.id)
      expect(audit).toMatchObject({
        action: 'payment_method.updated',
        before: { expMonth: 12, expYear: 2030, nameOnCard: 'Card Holder' },
        after: { expMonth: 3, expYear: 2031, nameOnCard: 'L. Martin' },
      })
    })

    for (const [what, edit, refusal] of [
      ['without a security code', { cvc: '' }, 'cvc_required'],
      ['with a two-digit code', { cvc: '12' }, 'cvc_invalid'],
      ['with an expiry in the past', { expMonth: '10', expYear: '2026' }, 'expired'],
      ['with no name', { nameOnCard: ' ' }, 'name_required'],
    ] as const) {
      it(`refuses an edit ${what}, and nothing is saved`, async () => {
        const b = await aBuyer()
        const out = await editPaymentMethod(deps, b.actor, b.card.id, anEdit(edit))
        expect(out).toMatchObject({ ok: false, refusal })
        expect((await cardsOf(b.user.id))[0]).toMatchObject({ expMonth: 12, expYear: 2030, nameOnCard: 'Card Holder' })
        expect(await auditsOf(b.card.id)).toEqual([])
      })
    }

    it('refuses a code the gateway finds wrong (…0127), and nothing is saved', async () => {
      const b = await aBuyer()
      const card = await aCardOnFile(database.db, b.user, WRONG_CODE_TOKEN)
      const out = await editPaymentMethod(deps, b.actor, card.id, anEdit())
      expect(out).toMatchObject({ ok: false, refusal: 'incorrect_cvc', details: { field: 'cvc' } })
      const [row] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, card.id))
      expect(row).toMatchObject({ expMonth: 12, nameOnCard: 'Card Holder' })
    })
  })

  describe('replace', () => {
    it('moves the profile and its subscriptions to a new card, and the next renewal charges it', async () => {
      const b = await aBuyer()
      const out = await replacePaymentMethod(
        deps,
        b.actor,
        b.profile.id,
        { kind: 'new', card: typed('4242424242424242') },
        randomUUID(),
      )
      if (!out.ok) throw new Error(out.refusal)
      expect(out.value).toMatchObject({ card: { last4: '4242' }, moved: 1 })
      const newCard = out.value.card.id
      expect(newCard).not.toBe(b.card.id)
      const [profile] = await database.db.select().from(billingProfiles).where(eq(billingProfiles.id, b.profile.id))
      expect(profile!.paymentMethodId).toBe(newCard)
      const [saved] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, newCard))
      expect(saved).toMatchObject({ city: 'Paris', country: 'FR' }) // the profile's bill-to address
      expect((await auditsOf(b.sub.id)).map((a) => a.action)).toEqual(['subscription.payment_method_changed'])

      // The job, as of after the term end (the CLI's --as-of is this clock), charges the new card.
      clock.set('2026-12-01T06:00:00Z')
      await runLifecycle(deps)
      const renewal = deps.gateway.charges.filter((c) => c.idempotencyKey.startsWith(`renew:${b.sub.id}:`))
      expect(renewal.map((c) => c.token)).toEqual([saved!.gatewayToken])
      const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, b.sub.id))
      expect(sub).toMatchObject({ status: 'active', paymentMethodId: newCard })
      expect(sub!.termEnd.toISOString()).toBe('2027-01-01T00:00:00.000Z')
    })

    it('moves them to another saved card, and then the old card can be deleted', async () => {
      const b = await aBuyer()
      const other = await aCardOnFile(database.db, b.user)
      const out = await replacePaymentMethod(
        deps,
        b.actor,
        b.profile.id,
        { kind: 'saved', paymentMethodId: other.id },
        randomUUID(),
      )
      expect(out).toMatchObject({ ok: true, value: { card: { id: other.id }, moved: 1 } })
      const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, b.sub.id))
      expect(sub!.paymentMethodId).toBe(other.id)
      expect(await deletePaymentMethod(deps, b.actor, b.card.id)).toEqual({
        ok: true,
        value: { brand: 'visa', last4: '4242' },
      })
    })

    it('refuses a new card the gateway declines, and nothing moves', async () => {
      const b = await aBuyer()
      const out = await replacePaymentMethod(
        deps,
        b.actor,
        b.profile.id,
        { kind: 'new', card: typed('4000000000000002') },
        randomUUID(),
      )
      expect(out).toEqual({ ok: false, refusal: 'card_declined' })
      const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, b.sub.id))
      expect(sub!.paymentMethodId).toBe(b.card.id)
      expect(await cardsOf(b.user.id)).toHaveLength(1)
    })

    it("refuses another user's card", async () => {
      const b = await aBuyer()
      const colleague = await aBuyer()
      const out = await replacePaymentMethod(
        deps,
        b.actor,
        b.profile.id,
        { kind: 'saved', paymentMethodId: colleague.card.id },
        randomUUID(),
      )
      expect(out).toEqual({ ok: false, refusal: 'payment_method_not_found' })
    })

    it('never fails on a key when a replace and a delete of the same card race', async () => {
      for (let i = 0; i < 5; i++) {
        const b = await aBuyer()
        const spare = await aCardOnFile(database.db, b.user)
        const [replaced, deleted] = await Promise.all([
          replacePaymentMethod(deps, b.actor, b.profile.id, { kind: 'saved', paymentMethodId: spare.id }, randomUUID()),
          deletePaymentMethod(deps, b.actor, spare.id),
        ])
        // Either the delete went first (the replace finds no card) or the replace did (the card is in use).
        expect(replaced.ok !== deleted.ok).toBe(true)
        if (!deleted.ok) expect(deleted.refusal).toBe('in_use')
        if (!replaced.ok) expect(replaced.refusal).toBe('payment_method_not_found')
      }
    })
  })

  describe('delete', () => {
    it('refuses a card in use, naming the profiles and subscriptions that use it', async () => {
      const b = await aBuyer()
      const out = await deletePaymentMethod(deps, b.actor, b.card.id)
      expect(out).toEqual({
        ok: false,
        refusal: 'in_use',
        usedBy: {
          profiles: [{ id: b.profile.id, name: 'Léa Martin' }],
          subscriptions: [{ id: b.sub.id, productName: { en: 'Plan', fr: 'Forfait' } }],
        },
      })
      expect(await cardsOf(b.user.id)).toHaveLength(1)
    })

    it('deletes an unused card and audits what it was', async () => {
      const b = await aBuyer()
      const spare = await aCardOnFile(database.db, b.user)
      expect((await deletePaymentMethod(deps, b.actor, spare.id)).ok).toBe(true)
      expect((await cardsOf(b.user.id)).map((c) => c.id)).toEqual([b.card.id])
      const [audit] = await auditsOf(spare.id)
      expect(audit).toMatchObject({ action: 'payment_method.deleted', before: { last4: '4242' }, after: null })
    })

    it('deletes a card only a deleted subscription still names', async () => {
      const b = await aBuyer()
      const spare = await aCardOnFile(database.db, b.user)
      const gone = await aSubscription(database.db, {
        orgId: w.org.id,
        purchaserId: b.user.id,
        productId: w.product.id,
        billingProfileId: b.profile.id,
        paymentMethodId: spare.id,
        status: 'deleted',
        at: new Date('2026-01-01T00:00:00Z'),
      })
      expect((await deletePaymentMethod(deps, b.actor, spare.id)).ok).toBe(true)
      const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, gone.id))
      expect(sub!.paymentMethodId).toBeNull()
    })
  })

  describe("another user's or tenant's card", () => {
    it('looks missing to every action', async () => {
      const b = await aBuyer()
      const colleague = await aBuyer()
      const stranger = await aBuyer(w.otherOrg.id)
      for (const other of [colleague, stranger]) {
        const id = other.card.id
        expect(await getPaymentMethod(deps, b.actor, id)).toEqual({ ok: false, refusal: 'not_found' })
        expect(await editPaymentMethod(deps, b.actor, id, anEdit())).toEqual({ ok: false, refusal: 'not_found' })
        expect(await deletePaymentMethod(deps, b.actor, id)).toEqual({ ok: false, refusal: 'not_found' })
        const replace = await replacePaymentMethod(
          deps,
          b.actor,
          other.profile.id,
          { kind: 'saved', paymentMethodId: b.card.id },
          randomUUID(),
        )
        expect(replace).toEqual({ ok: false, refusal: 'not_found' })
      }
      const still = await database.db
        .select()
        .from(paymentMethods)
        .where(and(eq(paymentMethods.id, colleague.card.id), eq(paymentMethods.expMonth, 12)))
      expect(still).toHaveLength(1)
    })
  })
})
