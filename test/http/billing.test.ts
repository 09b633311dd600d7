import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { billingProfiles, paymentMethods, subscriptions } from '../../src/db/schema/index'
import {
  aBillingProfile,
  aCardOnFile,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
  PASSWORD,
} from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'

// Billing accounts, billing profiles and payment methods (issue 12) through HTTP: pages, panes as
// pages and as htmx fragments, 303s and 422s, and 404 for anything not the user's own.

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>
const HTMX = { 'hx-request': 'true', 'hx-request-type': 'partial' }
const ADDRESS = { line1: '5 Main Street', line2: '', city: 'London', postalCode: 'N1 9GU', country: 'GB' }
const A_CARD = { cardNumber: '4242 4242 4242 4242', expMonth: '12', expYear: '2030', cvc: '123', nameOnCard: 'Léa' }

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
  w.org = await anOrganization(database.db)
  w.other = await anOrganization(database.db)
  w.product = await aProduct(database.db, { nameEn: 'Project Plan 3' })
  w.guest = await aUser(database.db, w.org.id, { email: 'guest@example.test', kind: 'guest' })
})
afterAll(() => database.close())

/** A member of their own with an account, a profile paying with a card, and a subscription on it. */
async function anOwner(orgId = w.org.id) {
  const user = await aUser(database.db, orgId, { displayName: 'Léa Martin' })
  const profile = await aBillingProfile(database.db, user)
  const card = await aCardOnFile(database.db, user)
  await database.db.update(billingProfiles).set({ paymentMethodId: card.id }).where(eq(billingProfiles.id, profile.id))
  const sub = await aSubscription(database.db, {
    orgId,
    purchaserId: user.id,
    productId: w.product.id,
    billingProfileId: profile.id,
    paymentMethodId: card.id,
    at: new Date('2026-11-05T00:00:00Z'),
  })
  const agent = new Agent(app)
  await agent.signIn(user.email, PASSWORD)
  return { user, profile, card, sub, agent, accountId: profile.billingAccountId }
}

describe('billing accounts', () => {
  it('lists the account, shows its Overview and Billing profiles tabs as links', async () => {
    const o = await anOwner()
    const list = await (await o.agent.get('/billing/accounts')).text()
    expect(tableRows(list)).toEqual([['Léa Martin', 'Customer agreement', 'Active', '1']])
    expect(list).toContain(`href="/billing/accounts/${o.accountId}"`)
    const overview = await (await o.agent.get(`/billing/accounts/${o.accountId}`)).text()
    expect(textOf(overview)).toContain('Sold-to address 1 rue de la Paix 75002 Paris France')
    expect(overview).toContain(`<a href="/billing/accounts/${o.accountId}" aria-current="page">Overview</a>`)
    const profiles = await (await o.agent.get(`/billing/accounts/${o.accountId}?tab=profiles`)).text()
    expect(tableRows(profiles)).toEqual([['Léa Martin', 'Active', 'EUR', 'Visa •••• ending in 4242', '1']])
    expect(profiles).toContain(`href="/billing/profiles/${o.profile.id}"`)
  })

  it('edits the overview in a pane: 422 with the summary, then 303 back with the message', async () => {
    const o = await anOwner()
    const url = `/billing/accounts/${o.accountId}/edit`
    const pane = await (await o.agent.get(url, HTMX)).text()
    expect(pane).toContain('<h2 id="pane-title" tabindex="-1" autofocus>Edit account details</h2>')
    const bad = await o.agent.post(url, { name: ' ', taxId: '', ...ADDRESS, city: '' })
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('<a href="#name">Enter the billing account name</a>')
    expect(html).toContain('<a href="#city">Enter the town or city</a>')
    const ok = await o.agent.post(url, { name: 'Fabrikam UK', taxId: 'GB123', ...ADDRESS })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/billing/accounts/${o.accountId}`)
    expect(textOf(await (await o.agent.get(ok.headers.get('location')!)).text())).toContain(
      'The billing account details were saved.',
    )
  })

  it('adds a billing profile and goes to it', async () => {
    const o = await anOwner()
    const url = `/billing/accounts/${o.accountId}/profiles/new`
    const form = textOf(await (await o.agent.get(url)).text())
    expect(form).toContain('Add a billing profile')
    const res = await o.agent.post(url, {
      name: 'London office',
      currency: 'GBP',
      ...ADDRESS,
      poNumber: 'PO-9',
      recipients: 'ap@example.test, boss@example.test',
      emailInvoices: 'on',
    })
    expect(res.status).toBe(303)
    const page = textOf(await (await o.agent.get(res.headers.get('location')!)).text())
    expect(page).toContain('The billing profile London office was added. Choose its payment method.')
    expect(page).toContain('Invoice email recipients ap@example.test, boss@example.test')
    expect(page).toContain('No payment method yet.')
  })

  it('refuses a malformed recipient and invoices in email to no one', async () => {
    const o = await anOwner()
    const url = `/billing/profiles/${o.profile.id}/edit/email`
    const bad = await o.agent.post(url, { recipients: 'ap@, x', emailInvoices: 'on' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('<a href="#recipients">Enter email addresses like name@example.com')
    const none = await o.agent.post(url, { recipients: '', emailInvoices: 'on' })
    expect(textOf(await none.text())).toContain('Enter at least one email address, or turn off invoices in email')
  })
})

describe('billing profile', () => {
  it('shows its fields, the payment method with Edit and Replace, and its subscriptions as links', async () => {
    const o = await anOwner()
    const html = await (await o.agent.get(`/billing/profiles/${o.profile.id}`)).text()
    const text = textOf(html)
    expect(text).toContain('Invoices and billing notifications')
    expect(text).toContain('Payment method Visa •••• ending in 4242 12/2030')
    expect(html).toContain(`href="/billing/profiles/${o.profile.id}/payment-method/edit"`)
    expect(html).toContain(`href="/billing/profiles/${o.profile.id}/payment-method"`)
    expect(tableRows(html)).toEqual([['Project Plan 3', 'Active', '10', '5 December 2026', 'Visa •••• ending in 4242']])
    expect(html).toContain(`href="/billing/products/${o.sub.id}"`)
  })

  it('edits the PO number with htmx: the pane closes and the sections come back fresh', async () => {
    const o = await anOwner()
    const res = await o.agent.post(`/billing/profiles/${o.profile.id}/edit/po`, { poNumber: 'PO-2026-11' }, HTMX)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<div id="pane" class="pane-slot"></div>')
    expect(html).toContain('<hx-partial hx-target="#profile-invoices" hx-swap="outerHTML">')
    expect(textOf(html)).toContain('PO number PO-2026-11')
    expect(textOf(html)).toContain('The billing profile was saved.')
  })

  it('replaces the card with a new one: the subscriptions move, the pane said they would', async () => {
    const o = await anOwner()
    const url = `/billing/profiles/${o.profile.id}/payment-method`
    expect(textOf(await (await o.agent.get(url)).text())).toContain(
      'Every subscription billed to this profile is charged to the card you choose from its next charge',
    )
    const res = await o.agent.post(url, { payment: 'new', ...A_CARD, cardNumber: '5555 5555 5555 4444' })
    expect(res.status).toBe(303)
    expect(textOf(await (await o.agent.get(res.headers.get('location')!)).text())).toContain(
      'Mastercard ending in 4444 now pays for this billing profile and its subscriptions.',
    )
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, o.sub.id))
    const [card] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, sub!.paymentMethodId!))
    expect(card!.last4).toBe('4444')
  })

  it('refuses a declined new card: the number in the summary, a fresh key, no card data echoed', async () => {
    const o = await anOwner()
    const res = await o.agent.post(`/billing/profiles/${o.profile.id}/payment-method`, {
      payment: 'new',
      idempotencyKey: '7b0c4c53-8f7b-4c59-9d55-000000000001',
      ...A_CARD,
      cardNumber: '4000 0000 0000 0002',
      cvc: '987',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<a href="#cardNumber">The card was declined.')
    expect(html).not.toContain('7b0c4c53-8f7b-4c59-9d55-000000000001')
    expect(html).not.toMatch(/4000 ?0000 ?0000 ?0002|value="987"/)
  })
})

describe('payment methods', () => {
  it('lists the cards with what uses them and the expiry badges', async () => {
    const o = await anOwner()
    const spare = await aCardOnFile(database.db, o.user)
    await database.db
      .update(paymentMethods)
      .set({ expMonth: 12, expYear: 2026, createdAt: new Date('2026-02-01T00:00:00Z') })
      .where(eq(paymentMethods.id, spare.id))
    const html = await (await o.agent.get('/billing/payment-methods')).text()
    expect(tableRows(html)).toEqual([
      [
        'Visa •••• ending in 4242',
        '12/2030',
        'Card Holder',
        'Billing profile: Léa Martin Subscription: Project Plan 3',
      ],
      ['Visa •••• ending in 4242', '12/2026 Expires soon', 'Card Holder', 'Not used'],
    ])
    expect(html).toContain('<a href="/billing/invoices">Invoices</a>')
    expect(html).toContain('<a href="/billing/payment-methods" aria-current="page">Payment methods</a>')
  })

  it('edits a card only with its security code, and a wrong code saves nothing', async () => {
    const o = await anOwner()
    const url = `/billing/payment-methods/${o.card.id}/edit`
    const form = { expMonth: '03', expYear: '2031', nameOnCard: 'L. Martin', ...ADDRESS }
    const none = await o.agent.post(url, { ...form, cvc: '' })
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('<a href="#cvc">Enter the security code</a>')
    const wrong = await aCardOnFile(database.db, o.user, 'tok_sb_incorrect_cvc_00000000000000000000000000000127')
    const refused = await o.agent.post(`/billing/payment-methods/${wrong.id}/edit`, { ...form, cvc: '123' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('<a href="#cvc">The security code is incorrect.')
    const saved = await o.agent.post(url, { ...form, cvc: '123' }, HTMX)
    expect(textOf(await saved.text())).toContain('The changes to Visa ending in 4242 were saved.')
    const [row] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, o.card.id))
    expect(row).toMatchObject({ expMonth: 3, expYear: 2031, nameOnCard: 'L. Martin', city: 'London' })
  })

  it('adds a card from the menu, and refuses an expired date field by field', async () => {
    const o = await anOwner()
    const page = await (await o.agent.get('/billing/payment-methods')).text()
    expect(page).toContain('<summary>Add a payment method</summary>')
    expect(page).toContain('href="/billing/payment-methods/new"')
    const old = await o.agent.post('/billing/payment-methods/new', {
      ...A_CARD,
      expMonth: '10',
      expYear: '2026',
      ...ADDRESS,
    })
    expect(old.status).toBe(422)
    expect(await old.text()).toContain('<a href="#expMonth">This card has expired')
    const res = await o.agent.post('/billing/payment-methods/new', { ...A_CARD, ...ADDRESS })
    expect(res.status).toBe(303)
    expect(textOf(await (await o.agent.get('/billing/payment-methods')).text())).toContain(
      'Visa ending in 4242 was added.',
    )
  })

  it('asks before deleting an unused card, and names what uses a used one', async () => {
    const o = await anOwner()
    const spare = await aCardOnFile(database.db, o.user)
    const confirm = await (await o.agent.get(`/billing/payment-methods/${spare.id}/delete`, HTMX)).text()
    expect(confirm).toContain('data-dialog="confirm"')
    expect(textOf(confirm)).toContain('Delete Visa ending in 4242? This cannot be undone.')
    const used = textOf(await (await o.agent.get(`/billing/payment-methods/${o.card.id}/delete`)).text())
    expect(used).toContain(
      'You can’t delete Visa ending in 4242: the billing profile Léa Martin and the subscription Project Plan 3 ' +
        'use it.',
    )
    const refused = await o.agent.post(`/billing/payment-methods/${o.card.id}/delete`, {})
    expect(refused.status).toBe(422)
    const res = await o.agent.post(`/billing/payment-methods/${spare.id}/delete`, {}, HTMX)
    const html = await res.text()
    expect(html).toContain('<hx-partial hx-target="#payment-methods-list" hx-swap="outerHTML">')
    expect(textOf(html)).toContain('Visa ending in 4242 was deleted.')
    expect(await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, spare.id))).toEqual([])
  })
})

describe('whose', () => {
  it("answers 404 for another user's or another tenant's account, profile and card", async () => {
    const o = await anOwner()
    for (const other of [await anOwner(), await anOwner(w.other.id)]) {
      for (const path of [
        `/billing/accounts/${other.accountId}`,
        `/billing/accounts/${other.accountId}/edit`,
        `/billing/accounts/${other.accountId}/profiles/new`,
        `/billing/profiles/${other.profile.id}`,
        `/billing/profiles/${other.profile.id}/edit/name`,
        `/billing/profiles/${other.profile.id}/payment-method`,
        `/billing/profiles/${other.profile.id}/payment-method/edit`,
        `/billing/payment-methods/${other.card.id}`,
        `/billing/payment-methods/${other.card.id}/edit`,
        `/billing/payment-methods/${other.card.id}/delete`,
      ]) {
        expect((await o.agent.get(path)).status, path).toBe(404)
        expect((await o.agent.post(path, { name: 'x', poNumber: 'x' })).status, path).toBe(404)
      }
    }
    expect((await o.agent.get('/billing/profiles/not-a-uuid')).status).toBe(404)
  })

  it('answers 404 to a guest on every billing page, and shows them no billing navigation', async () => {
    const o = await anOwner()
    const guest = new Agent(app)
    await guest.signIn('guest@example.test', PASSWORD)
    for (const path of [
      '/billing/accounts',
      `/billing/accounts/${o.accountId}`,
      `/billing/profiles/${o.profile.id}`,
      '/billing/payment-methods',
      '/billing/payment-methods/new',
      `/billing/payment-methods/${o.card.id}`,
      '/billing/invoices',
    ])
      expect((await guest.get(path)).status, path).toBe(404)
    expect((await guest.post('/billing/payment-methods/new', { ...A_CARD, ...ADDRESS })).status).toBe(404)
    const nav = await (await guest.get('/billing/products')).text()
    expect(nav).not.toContain('href="/billing/accounts"')
    expect(nav).not.toContain('href="/billing/invoices"')
  })
})
