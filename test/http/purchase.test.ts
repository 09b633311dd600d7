import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { invoices, subscriptions } from '../../src/db/schema/index'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import { aBillingProfile, anOrganization, aPolicy, aProduct, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, testApp, textOf } from '../support/http'

let database: Database
let gateway: SandboxGateway
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  gateway = new SandboxGateway(database.db)
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'), gateway)
  const { db } = database
  w.org = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  w.newbie = await aUser(db, w.org.id, { email: 'new@example.test', displayName: 'New Buyer' })
  await aUser(db, w.org.id, { email: 'guest@partner.test', kind: 'guest' })
  w.product = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3', monthlyPrice: 2810, annualPrice: 28100 })
  w.trialCard = await aProduct(db, {
    code: 'TEAMS',
    nameEn: 'Teams Essentials',
    trialOffer: 'with_payment_method',
    monthlyPrice: 400,
  })
  w.blocked = await aProduct(db, { code: 'BLOCKED', nameEn: 'Blocked Thing' })
  w.only = await aProduct(db, { code: 'ONLY', nameEn: 'Trial Only Thing', trialOffer: 'without_payment_method' })
  await aPolicy(db, w.org.id, w.blocked.id, 'blocked')
  await aPolicy(db, w.org.id, w.only.id, 'trials_only')
  w.profile = await aBillingProfile(db, w.lea)
})
afterAll(() => database.close())

async function signedIn(email: string) {
  const agent = new Agent(app)
  await agent.signIn(email, PASSWORD)
  return agent
}

const newCard = (number = '4242 4242 4242 4242') => ({
  payment: 'new',
  cardNumber: number,
  expMonth: '12',
  expYear: '2030',
  cvc: '123',
  nameOnCard: 'Léa Martin',
})
const keyOf = (html: string) => /name="idempotencyKey" value="([^"]+)"/.exec(html)![1]!

describe('Purchase services', () => {
  it('offers what the policy allows: no blocked product, trials-only without Buy', async () => {
    const text = textOf(await (await (await signedIn('lea@example.test')).get('/billing/purchase')).text())
    expect(text).toContain('Project Plan 3')
    expect(text).not.toContain('Blocked Thing')
    expect(text).toContain('Your organization allows trials of this product only.')
    expect(text).toContain('€28.10 license/month billed monthly')
  })

  it('tells a guest why they cannot buy', async () => {
    const res = await (await signedIn('guest@partner.test')).get('/billing/purchase')
    expect(textOf(await res.text())).toContain('Guests can sign in but cannot buy subscriptions')
  })
})

describe('checkout', () => {
  it('shows the summary with subtotal, tax and total before Buy', async () => {
    const text = textOf(
      await (
        await (await signedIn('lea@example.test')).get('/billing/purchase/PROJ-P3?quantity=3&frequency=monthly')
      ).text(),
    )
    expect(text).toContain('Subtotal (3 licenses) €84.30')
    expect(text).toContain('Tax (20%) €16.86')
    expect(text).toContain('Total due today €101.16')
  })

  it('answers an htmx order change with the summary fragment and the total for the live region', async () => {
    const res = await (await signedIn('lea@example.test')).get(
      '/billing/purchase/PROJ-P3?quantity=10&frequency=annual',
      { 'hx-request': 'true', 'hx-request-type': 'partial' },
    )
    const html = await res.text()
    expect(html.startsWith('<div id="order-summary"')).toBe(true)
    expect(html).toContain(
      '<hx-partial hx-target="#status" hx-swap="innerHTML">Total due today: €3,372.00</hx-partial>',
    )
  })

  it('buys with a new card, then shows the subscription with 1 of 3 assigned', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3?quantity=3')).text()
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '3',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: keyOf(page),
      quotedTotal: '10116',
      ...newCard(),
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    expect(location).toMatch(/^\/billing\/products\/[0-9a-f-]{36}\?done=purchased$/)
    const details = textOf(await (await agent.get(location)).text())
    expect(details).toContain('Purchase complete.')
    expect(details).toContain('Total licenses 3')
    expect(details).toContain('Assigned licenses 1')
    expect(textOf(await (await agent.get('/billing/products')).text())).toContain('1 of 3')
    // The same form again: the same subscription, no second charge.
    const charges = gateway.charges.length
    const again = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '3',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: keyOf(page),
      quotedTotal: '10116',
      ...newCard(),
    })
    expect(again.headers.get('location')).toBe(location.replace('purchased', 'replayed'))
    expect(gateway.charges.length).toBe(charges)
  })

  it('shows a decline in plain words, keeps nothing, and never echoes the card number or code', async () => {
    const agent = await signedIn('lea@example.test')
    const before = (await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, w.lea.id)))
      .length
    const key = crypto.randomUUID()
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '2',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: key,
      quotedTotal: '6744',
      ...newCard('4000 0000 0000 0002'),
      cvc: '987',
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(textOf(html)).toContain('Your card was declined. Use another card or contact your bank. Nothing was bought.')
    expect(html).toContain('<a href="#cardNumber">')
    expect(html).not.toMatch(/4000 ?0000 ?0000 ?0002/)
    expect(html).not.toContain('value="987"')
    expect(html).toContain('value="12"') // the expiry month is kept
    expect(textOf(html)).toContain('For your security, enter the card number and security code again.')
    expect((await database.db.select().from(subscriptions).where(eq(subscriptions.purchaserId, w.lea.id))).length).toBe(
      before,
    )
    // The form comes back with a new key, so another card is a new attempt and can succeed.
    const fresh = keyOf(html)
    expect(fresh).not.toBe(key)
    const retry = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '2',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: fresh,
      quotedTotal: '6744',
      ...newCard(),
    })
    expect(retry.status).toBe(303)
    // The spent key itself buys nothing, even with a good card.
    const replay = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '2',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: key,
      quotedTotal: '6744',
      ...newCard(),
    })
    expect(replay.status).toBe(422)
  })

  it('shows the new total instead of buying when the order changed since it was priced (JavaScript off)', async () => {
    const agent = await signedIn('lea@example.test')
    const charges = gateway.charges.length
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '5',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      quotedTotal: '3372',
      ...newCard(),
    })
    // Shown on a page of its own (a GET: see checkout-confirm.test.ts), the card kept.
    expect(res.status).toBe(303)
    const text = textOf(await (await agent.get(res.headers.get('location')!)).text())
    expect(text).toContain('The total changed since it was shown, so nothing was charged.')
    expect(text).toContain('Total due today €168.60')
    expect(text).toContain('Visa ending in 4242')
    expect(gateway.charges.length).toBe(charges)
    const preview = await agent.post('/billing/purchase/PROJ-P3', {
      intent: 'preview',
      quantity: '7',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      ...newCard(),
    })
    expect(preview.status).toBe(303)
    expect(textOf(await (await agent.get(preview.headers.get('location')!)).text())).toContain(
      'Total due today €236.04',
    )
  })

  it('formats the limits and the tax rate in French for a French user', async () => {
    // A user of its own: French stays on the user, and no other test should inherit it.
    const claire = await aUser(database.db, w.org.id, { displayName: 'Claire Petit' })
    const profile = await aBillingProfile(database.db, claire)
    const agent = await signedIn(claire.email)
    await agent.post('/language', { lang: 'fr' })
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '0',
      frequency: 'monthly',
      profile: profile.id,
      idempotencyKey: crypto.randomUUID(),
      ...newCard(),
    })
    const text = textOf(await res.text())
    expect(text).toMatch(/de 1 à 10\s000/)
    expect(textOf(await (await agent.get('/billing/purchase/PROJ-P3?quantity=1')).text())).toMatch(/Taxe \(20\s%\)/)
  })

  it('refuses control characters with a 400 before anything is charged', async () => {
    const agent = await signedIn('lea@example.test')
    const charges = gateway.charges.length
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '1',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      quotedTotal: '3372',
      ...newCard(),
      nameOnCard: 'Léa\u0000',
    })
    expect(res.status).toBe(400)
    expect(gateway.charges.length).toBe(charges)
    expect((await agent.get('/billing/purchase/a%00b')).status).toBe(400)
    expect((await agent.get('/billing/purchase/a%20b')).status).toBe(404)
  })

  it('names each bad field with a 422: quantity, card number, expiry, code, name', async () => {
    const agent = await signedIn('lea@example.test')
    for (const quantity of ['0', '-1', '10001', 'abc', '']) {
      const res = await agent.post('/billing/purchase/PROJ-P3', {
        quantity,
        frequency: 'monthly',
        profile: w.profile.id,
        idempotencyKey: crypto.randomUUID(),
        ...newCard(),
      })
      expect(res.status, quantity).toBe(422)
      expect(textOf(await res.text())).toContain('Enter a whole number of licenses from 1 to 10,000')
    }
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      quantity: '1',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      payment: 'new',
      cardNumber: '1234',
      expMonth: '13',
      expYear: '2030',
      cvc: '1',
      nameOnCard: '',
    })
    const html = await res.text()
    for (const id of ['cardNumber', 'expMonth', 'cvc', 'nameOnCard']) expect(html).toContain(`<a href="#${id}">`)
  })

  it('refuses a crafted purchase of a blocked or trials-only product', async () => {
    const agent = await signedIn('lea@example.test')
    const blocked = await agent.post('/billing/purchase/BLOCKED', {
      quantity: '1',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      ...newCard(),
    })
    expect(blocked.status).toBe(403)
    expect(textOf(await blocked.text())).toContain(
      'Your organization does not allow this product to be bought or tried here.',
    )
    const only = await agent.post('/billing/purchase/ONLY', {
      quantity: '1',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      ...newCard(),
    })
    expect(only.status).toBe(403)
    expect(textOf(await only.text())).toContain(
      'Your organization allows only a free trial of this product, not a purchase.',
    )
    expect((await agent.get('/billing/purchase/ONLY')).headers.get('location')).toBe('/billing/purchase/ONLY/trial')
    const guest = await (await signedIn('guest@partner.test')).post('/billing/purchase/PROJ-P3', {
      quantity: '1',
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: crypto.randomUUID(),
      ...newCard(),
    })
    expect(guest.status).toBe(403)
    expect(textOf(await guest.text())).toContain('Guests cannot buy subscriptions or start trials.')
    expect(
      (await database.db.select().from(subscriptions).where(eq(subscriptions.productId, w.blocked.id))).length,
    ).toBe(0)
  })

  it('asks a first-time buyer for a billing address once, then lets them buy', async () => {
    const agent = await signedIn('new@example.test')
    const first = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    expect(textOf(first)).toContain('Billing address')
    const bad = await agent.post('/billing/purchase/PROJ-P3/billing-setup', {
      line1: '',
      line2: '',
      city: '',
      postalCode: '',
      country: 'XX',
    })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('<a href="#line1">Enter the first line of the address</a>')
    const ok = await agent.post('/billing/purchase/PROJ-P3/billing-setup', {
      line1: '10 Downing St',
      line2: '',
      city: 'London',
      postalCode: 'SW1A 2AA',
      country: 'GB',
    })
    expect(ok.headers.get('location')).toBe('/billing/purchase/PROJ-P3')
    const text = textOf(await (await agent.get('/billing/purchase/PROJ-P3?quantity=2')).text())
    expect(text).toContain('Total due today €67.44') // 2 × 28.10 + 20 % GB VAT
  })
})

describe('trials', () => {
  it('starts a trial with a card, shows it on the trials tab, and converts it', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/TEAMS/trial')).text()
    expect(textOf(page)).toContain('The trial ends on 25 December 2026.')
    const res = await agent.post('/billing/purchase/TEAMS/trial', {
      frequency: 'monthly',
      profile: w.profile.id,
      idempotencyKey: keyOf(page),
      ...newCard(),
    })
    expect(res.status).toBe(303)
    const location = res.headers.get('location')!
    const trials = textOf(await (await agent.get('/billing/products?tab=trials')).text())
    expect(trials).toContain('Teams Essentials')
    expect(trials).toContain('Trial ends 25 December 2026')
    const details = textOf(await (await agent.get(location)).text())
    expect(details).toContain('Ends the trial today and charges €120.00 for 25 licenses')
    const id = location.split('/').pop()!.split('?')[0]!
    const converted = await agent.post(`/billing/products/${id}/convert`, {})
    expect(converted.headers.get('location')).toBe(`/billing/products/${id}?done=converted`)
    const [bill] = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))
    expect(bill).toMatchObject({ type: 'convert', total: 12000 })
    expect(textOf(await (await agent.get(`/billing/products/${id}?done=converted`)).text())).toContain(
      'Your paid subscription has started.',
    )
  })

  it('starts a card-less trial of a trials-only product, once', async () => {
    // A product of its own: once tried, ONLY would read as tried to the other tests.
    const product = await aProduct(database.db, { nameEn: 'Tried Once', trialOffer: 'without_payment_method' })
    await aPolicy(database.db, w.org.id, product.id, 'trials_only')
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get(`/billing/purchase/${product.code}/trial`)).text()
    expect(page).not.toContain('cardNumber')
    const res = await agent.post(`/billing/purchase/${product.code}/trial`, { idempotencyKey: keyOf(page) })
    expect(res.status).toBe(303)
    const again = await agent.post(`/billing/purchase/${product.code}/trial`, { idempotencyKey: crypto.randomUUID() })
    expect(again.status).toBe(403)
    expect(textOf(await again.text())).toContain('You have already tried this product')
  })
})
