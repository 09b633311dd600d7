import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { auditEvents, billingProfiles } from '../../../src/db/schema/index'
import { addBillingProfile } from '../../../src/services/billing/add-billing-profile'
import { getBillingAccount, listBillingAccounts } from '../../../src/services/billing/billing-accounts'
import { getBillingProfile } from '../../../src/services/billing/billing-profile'
import { updateBillingAccount } from '../../../src/services/billing/update-billing-account'
import { updateBillingProfile } from '../../../src/services/billing/update-billing-profile'
import {
  aBillingProfile,
  aCardOnFile,
  actorOf,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'
import { testDeps } from '../../support/deps'

const ADDRESS = { line1: '5 Main Street', line2: 'Floor 2', city: 'London', postalCode: 'N1 9GU', country: 'GB' }
const A_PROFILE = {
  name: 'London office',
  currency: 'GBP' as const,
  address: ADDRESS,
  poNumber: 'PO-77',
  recipients: ['ap@example.test'],
  emailInvoices: true,
}

describe.each(DATABASE_KINDS)('billing accounts and profiles on %s', (kind) => {
  let database: Database
  let deps: ReturnType<typeof testDeps>
  const w = {} as Record<string, any>

  beforeAll(async () => {
    database = await freshDatabase(kind)
    deps = testDeps(database, fixedClock('2026-11-25T10:00:00Z'))
    w.org = await anOrganization(database.db)
    w.otherOrg = await anOrganization(database.db)
    w.product = await aProduct(database.db, { nameEn: 'Plan', nameFr: 'Forfait' })
  })
  afterAll(() => database.close())

  async function anOwner(orgId = w.org.id) {
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
    return { user, actor: actorOf(user), profile, card, sub, accountId: profile.billingAccountId }
  }

  it('lists the accounts the user owns with their profiles', async () => {
    const o = await anOwner()
    expect(await listBillingAccounts(deps, o.actor)).toEqual({
      ok: true,
      value: [
        {
          id: o.accountId,
          name: 'Léa Martin',
          agreementType: 'customer_agreement',
          status: 'active',
          profileCount: 1,
        },
      ],
    })
    const account = await getBillingAccount(deps, o.actor, o.accountId)
    expect(account).toMatchObject({
      ok: true,
      value: {
        address: { city: 'Paris', country: 'FR' },
        profiles: [
          {
            id: o.profile.id,
            status: 'active',
            currency: 'EUR',
            card: { brand: 'visa', last4: '4242' },
            subscriptionCount: 1,
          },
        ],
      },
    })
  })

  it('edits the overview and audits it', async () => {
    const o = await anOwner()
    const out = await updateBillingAccount(deps, o.actor, o.accountId, {
      name: 'Fabrikam Paris',
      address: ADDRESS,
      taxId: 'FR40303265045',
    })
    expect(out.ok).toBe(true)
    const account = await getBillingAccount(deps, o.actor, o.accountId)
    expect(account).toMatchObject({ value: { name: 'Fabrikam Paris', taxId: 'FR40303265045', address: ADDRESS } })
    const [audit] = await database.db.select().from(auditEvents).where(eq(auditEvents.entityId, o.accountId))
    expect(audit).toMatchObject({
      action: 'billing_account.updated',
      before: { name: 'Léa Martin', taxId: '' },
      after: { name: 'Fabrikam Paris', taxId: 'FR40303265045' },
    })
  })

  it('adds a profile to the account, without a card', async () => {
    const o = await anOwner()
    const out = await addBillingProfile(deps, o.actor, o.accountId, A_PROFILE)
    if (!out.ok) throw new Error(out.refusal)
    expect(await getBillingProfile(deps, o.actor, out.value.id)).toMatchObject({
      ok: true,
      value: {
        name: 'London office',
        currency: 'GBP',
        poNumber: 'PO-77',
        invoiceEmailRecipients: ['ap@example.test'],
        emailInvoices: true,
        card: null,
        subscriptions: [],
        account: { id: o.accountId },
      },
    })
    const account = await getBillingAccount(deps, o.actor, o.accountId)
    expect(account.ok && account.value.profiles.map((p) => [p.name, p.card, p.subscriptionCount])).toEqual([
      ['Léa Martin', { brand: 'visa', last4: '4242' }, 1],
      ['London office', null, 0],
    ])
  })

  it('refuses invoices by email without anyone to send them to', async () => {
    const o = await anOwner()
    expect(await addBillingProfile(deps, o.actor, o.accountId, { ...A_PROFILE, recipients: [] })).toEqual({
      ok: false,
      refusal: 'recipients_required',
    })
    const off = await updateBillingProfile(deps, o.actor, o.profile.id, {
      section: 'email',
      recipients: [],
      emailInvoices: false,
    })
    expect(off.ok).toBe(true)
    const on = await updateBillingProfile(deps, o.actor, o.profile.id, {
      section: 'email',
      recipients: [],
      emailInvoices: true,
    })
    expect(on).toEqual({ ok: false, refusal: 'recipients_required' })
  })

  it('edits each part of a profile on its own, audited with before and after', async () => {
    const o = await anOwner()
    const id = o.profile.id
    await updateBillingProfile(deps, o.actor, id, { section: 'name', name: 'Paris office' })
    await updateBillingProfile(deps, o.actor, id, { section: 'po', poNumber: 'PO-1' })
    await updateBillingProfile(deps, o.actor, id, { section: 'address', address: ADDRESS })
    await updateBillingProfile(deps, o.actor, id, {
      section: 'email',
      recipients: ['a@example.test', 'b@example.test'],
      emailInvoices: true,
    })
    expect(await getBillingProfile(deps, o.actor, id)).toMatchObject({
      value: {
        name: 'Paris office',
        poNumber: 'PO-1',
        address: ADDRESS,
        invoiceEmailRecipients: ['a@example.test', 'b@example.test'],
        subscriptions: [{ id: o.sub.id, productName: { en: 'Plan' }, card: { last4: '4242' } }],
      },
    })
    const audits = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.entityId, id))
      .orderBy(auditEvents.id)
    expect(audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ['billing_profile.name_changed', { name: 'Léa Martin' }, { name: 'Paris office' }],
      ['billing_profile.po_changed', { poNumber: '' }, { poNumber: 'PO-1' }],
      [
        'billing_profile.address_changed',
        { line1: '1 rue de la Paix', line2: '', city: 'Paris', postalCode: '75002', country: 'FR' },
        ADDRESS,
      ],
      [
        'billing_profile.email_changed',
        { invoiceEmailRecipients: '', emailInvoices: true },
        { invoiceEmailRecipients: 'a@example.test, b@example.test', emailInvoices: true },
      ],
    ])
  })

  it("answers not_found for another user's or tenant's account and profile, and for a guest", async () => {
    const o = await anOwner()
    const colleague = await anOwner()
    const stranger = await anOwner(w.otherOrg.id)
    const guest = actorOf(await aUser(database.db, w.org.id, { kind: 'guest' }))
    const missing = { ok: false, refusal: 'not_found' }
    for (const other of [colleague, stranger]) {
      expect(await getBillingAccount(deps, o.actor, other.accountId)).toEqual(missing)
      expect(await getBillingProfile(deps, o.actor, other.profile.id)).toEqual(missing)
      expect(
        await updateBillingAccount(deps, o.actor, other.accountId, { name: 'x', address: ADDRESS, taxId: '' }),
      ).toEqual(missing)
      expect(await updateBillingProfile(deps, o.actor, other.profile.id, { section: 'name', name: 'x' })).toEqual(
        missing,
      )
      expect(await addBillingProfile(deps, o.actor, other.accountId, A_PROFILE)).toEqual(missing)
    }
    expect(await listBillingAccounts(deps, guest)).toEqual(missing)
    expect(await getBillingProfile(deps, guest, o.profile.id)).toEqual(missing)
    const [untouched] = await database.db
      .select()
      .from(billingProfiles)
      .where(eq(billingProfiles.id, colleague.profile.id))
    expect(untouched!.name).toBe('Léa Martin')
  })
})
