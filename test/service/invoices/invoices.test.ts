import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { invoices } from '../../../src/db/schema/index'
import { getInvoice } from '../../../src/services/invoices/get-invoice'
import { listInvoices } from '../../../src/services/invoices/list-invoices'
import { purchaseSubscription } from '../../../src/services/purchase/purchase-subscription'
import { cancelSubscription } from '../../../src/services/subscriptions/cancel-subscription'
import {
  aBillingProfile,
  actorOf,
  aNewCardPayment,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'
import { anInvoice } from '../../support/invoices'

const clock = fixedClock('2026-11-25T10:00:00Z')
const card = () => aNewCardPayment(clock.now())

describe.each(DATABASE_KINDS)('invoices on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, clock)
    w.org = await anOrganization(database.db)
    w.product = await aProduct(database.db, {
      code: `PROJ-${randomUUID().slice(0, 6)}`,
      nameEn: 'Project Plan 3',
      nameFr: 'Project Plan 3 (fr)',
      monthlyPrice: 2810,
      annualPrice: 28100,
    })
  })
  afterAll(() => database.close())

  const buy = (user: any, profileId: string, quantity = 3) =>
    purchaseSubscription(deps, actorOf(user), {
      productCode: w.product.code,
      quantity,
      frequency: 'monthly',
      billingProfileId: profileId,
      payment: card(),
      idempotencyKey: randomUUID(),
    })

  it('numbers a profile’s invoices 1 to 50 with no gap and no repeat when 50 charges run at once', async () => {
    const lea = await aUser(database.db, w.org.id, { displayName: 'Léa Martin' })
    const profile = await aBillingProfile(database.db, lea)
    const other = await aBillingProfile(database.db, lea)
    const outs = await Promise.all([
      ...Array.from({ length: 50 }, () => buy(lea, profile.id, 1)),
      ...Array.from({ length: 5 }, () => buy(lea, other.id, 1)),
    ])
    expect(outs.every((o) => o.ok)).toBe(true)
    const numbers = async (id: string) =>
      (await database.db.select({ n: invoices.number }).from(invoices).where(eq(invoices.billingProfileId, id)))
        .map((r) => r.n)
        .sort((a, b) => a - b)
    expect(await numbers(profile.id)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
    expect(await numbers(other.id)).toEqual([1, 2, 3, 4, 5])
  }, 60_000)

  it.each([
    ['FR', 2000, 1686],
    ['DE', 1900, 1602],
    ['GB', 2000, 1686],
    ['US', 0, 0],
  ])('taxes a bill-to address in %s at its rate: subtotal + tax = total', async (country, rateBp, tax) => {
    const user = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, user, { country })
    const out = await buy(user, profile.id)
    expect(out.ok).toBe(true)
    const [row] = await database.db.select().from(invoices).where(eq(invoices.billingProfileId, profile.id))
    const inv = await getInvoice(deps, actorOf(user), row!.id)
    expect(inv.ok).toBe(true)
    if (!inv.ok) return
    // 3 licences × €28.10 = €84.30, taxed by the bill-to country (DESIGN §6), half up.
    expect(inv.value).toMatchObject({ kind: 'invoice', type: 'purchase', subtotal: 8430, tax, total: 8430 + tax })
    expect(inv.value.billTo.country).toBe(country)
    expect(inv.value.lines).toEqual([
      expect.objectContaining({ quantity: 3, unitPrice: 2810, amount: 8430, taxRateBp: rateBp, tax }),
    ])
    expect(inv.value.lines[0]!.description).toEqual({ en: 'Project Plan 3', fr: 'Project Plan 3 (fr)' })
  })

  it('reads a credit note’s amounts as negative and names the invoice it credits', async () => {
    const user = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, user)
    const bought = await buy(user, profile.id)
    if (!bought.ok) throw new Error('purchase refused')
    const cancelled = await cancelSubscription(deps, actorOf(user), bought.value.subscriptionId, {
      reason: 'too_expensive',
      feedback: '',
    })
    expect(cancelled.ok).toBe(true)
    const rows = await database.db.select().from(invoices).where(eq(invoices.billingProfileId, profile.id))
    const invoice = rows.find((r) => r.kind === 'invoice')!
    const credit = rows.find((r) => r.kind === 'credit_note')!
    const note = await getInvoice(deps, actorOf(user), credit.id)
    if (!note.ok) throw new Error('credit note missing')
    expect(note.value.total).toBeLessThan(0)
    expect(note.value.total).toBe(-credit.total)
    expect(note.value.subtotal + note.value.tax).toBe(note.value.total)
    expect(note.value.lines[0]!.amount).toBeLessThan(0)
    expect(note.value.credits).toEqual({ id: invoice.id, number: invoice.number })
    const original = await getInvoice(deps, actorOf(user), invoice.id)
    if (!original.ok) throw new Error('invoice missing')
    expect(original.value.creditedBy).toEqual([{ id: credit.id, number: credit.number }])
    expect(original.value.credits).toBeNull()
  })

  it('shows no one else’s invoice: another user, another tenant and a guest find nothing', async () => {
    const owner = await aUser(database.db, w.org.id)
    const profile = await aBillingProfile(database.db, owner)
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: owner.id,
      productId: w.product.id,
      billingProfileId: profile.id,
      at: new Date('2026-11-01T00:00:00Z'),
    })
    const inv = await anInvoice(database.db, {
      orgId: w.org.id,
      billingProfileId: profile.id,
      subscriptionId: sub.id,
      purchaserId: owner.id,
      issuedAt: new Date('2026-11-01T00:00:00Z'),
    })
    const colleague = await aUser(database.db, w.org.id)
    const guest = await aUser(database.db, w.org.id, { kind: 'guest' })
    const elsewhere = await aUser(database.db, (await anOrganization(database.db)).id)
    expect((await getInvoice(deps, actorOf(owner), inv.id)).ok).toBe(true)
    for (const user of [colleague, guest, elsewhere])
      expect(await getInvoice(deps, actorOf(user), inv.id)).toEqual({ ok: false, refusal: 'not_found' })
    const listed = await listInvoices(deps, actorOf(colleague), { kind: 'past3' })
    expect(listed.ok && listed.value.rows).toEqual([])
    expect(await listInvoices(deps, actorOf(guest), { kind: 'past3' })).toEqual({ ok: false, refusal: 'not_found' })
  })
})
