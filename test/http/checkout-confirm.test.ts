import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { invoices, paymentMethods } from '../../src/db/schema/index'
import { SandboxGateway } from '../../src/payments/sandbox-gateway'
import { aBillingProfile, aCardOnFile, anOrganization, aProduct, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, testApp, textOf } from '../support/http'
import { moneyDifferences } from '../support/money-check'

// Issue 11: checkout never loses the buyer's work. A total that changed is shown to confirm (never
// charged unseen), the card typed stays as the gateway's token ("Visa ending in 4242"), re-pricing
// without JavaScript lands on a GET page, and a token is usable by the buyer it was made for only.

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
  w.sam = await aUser(db, w.org.id, { email: 'sam@example.test', displayName: 'Sam Colleague' })
  w.otherOrg = await anOrganization(db)
  w.eve = await aUser(db, w.otherOrg.id, { email: 'eve@elsewhere.test', displayName: 'Eve Elsewhere' })
  // €28.10 a licence a month, 20 % tax on a French profile: 1 licence €33.72, 5 €168.60, 7 €236.04.
  await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3', monthlyPrice: 2810, annualPrice: 28100 })
  await aProduct(db, { code: 'TEAMS', nameEn: 'Teams Essentials', trialOffer: 'with_payment_method' })
  w.profile = await aBillingProfile(db, w.lea)
  w.samProfile = await aBillingProfile(db, w.sam)
  w.eveProfile = await aBillingProfile(db, w.eve)
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

/** The fields the page's checkout (or trial) form would post, as the browser sends them: hidden and
 *  text inputs, checked radios and selected options (the CSRF field is the agent's). */
function formFields(html: string): Record<string, string> {
  const form = /<form method="post" action="\/billing\/purchase\/[^"]*"[\s\S]*?<\/form>/.exec(html)?.[0] ?? ''
  const fields: Record<string, string> = {}
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const name = attr(tag, 'name')
    if (!name || name === '_csrf') continue
    if (attr(tag, 'type') === 'radio' && !/\schecked\b/.test(tag)) continue
    fields[name] = (attr(tag, 'value') ?? '').replace(/&amp;/g, '&')
  }
  for (const [, open, options] of form.matchAll(/(<select\b[^>]*>)([\s\S]*?)<\/select>/g)) {
    const selected = /<option\b[^>]*\sselected\b[^>]*>/.exec(options!)?.[0] ?? /<option\b[^>]*>/.exec(options!)?.[0]
    fields[attr(open!, 'name')!] = selected ? (attr(selected, 'value') ?? '') : ''
  }
  return fields
}

const chargedTotals = () => gateway.charges.map((c) => c.amount)

describe('a total that changed before Buy', () => {
  it('is shown to confirm with the card kept as "Visa ending in 4242", then bought at that total once', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const charges = gateway.charges.length
    // The page priced 1 licence; the buyer typed 5 and pressed Buy without re-pricing.
    const buy = await agent.post('/billing/purchase/PROJ-P3', {
      ...formFields(page),
      quantity: '5',
      ...newCard(),
    })
    expect(buy.status).toBe(303)
    const location = buy.headers.get('location')!
    expect(location).toMatch(/^\/billing\/purchase\/PROJ-P3\/confirm\?/)
    expect(location).not.toMatch(/4242424242424242|cvc|cardNumber/)
    expect(gateway.charges.length).toBe(charges)

    const confirm = await agent.get(location)
    expect(confirm.status).toBe(200)
    const html = await confirm.text()
    const text = textOf(html)
    expect(text).toContain('Check the new total for Project Plan 3')
    expect(text).toContain('The total changed since it was shown, so nothing was charged.')
    expect(text).toContain('Number of licenses 5')
    expect(text).toContain('Payment method Visa ending in 4242')
    expect(text).toContain('Total due today €168.60')
    expect(html).not.toContain('name="cardNumber"')
    expect(html).not.toContain('name="cvc"')
    expect(html.replace(/\s/g, '')).not.toContain('4242424242424242')

    const fields = formFields(html)
    expect(fields).toMatchObject({ quantity: '5', payment: 'held', quotedTotal: '16860' })
    expect(fields.cardToken).toMatch(/^tok_/)
    // "Change the order" goes back to the checkout with the order and the card as they are.
    const change = /<a class="button button--secondary" href="([^"]+)">Change the order<\/a>/.exec(html)![1]!
    const checkout = await (await agent.get(change.replace(/&amp;/g, '&'))).text()
    expect(formFields(checkout)).toMatchObject({ quantity: '5', payment: 'held', cardToken: fields.cardToken })
    expect(textOf(checkout)).toContain('Visa ending in 4242, expires 12/2030 (the card you entered)')
    const bought = await agent.post('/billing/purchase/PROJ-P3', fields)
    expect(bought.status).toBe(303)
    expect(bought.headers.get('location')).toMatch(/\?done=purchased$/)
    expect(chargedTotals().slice(charges)).toEqual([16860])
    const id = bought.headers.get('location')!.split('/').pop()!.split('?')[0]!
    const [invoice] = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, id))
    expect(invoice).toMatchObject({ total: 16860, cardBrand: 'visa', cardLast4: '4242' })
    // The card is saved once paid, from what the gateway holds: never typed twice.
    const saved = await database.db.select().from(paymentMethods).where(eq(paymentMethods.ownerId, w.lea.id))
    expect(saved.map((c) => [c.last4, c.expMonth, c.expYear, c.nameOnCard])).toContainEqual([
      '4242',
      12,
      2030,
      'Léa Martin',
    ])

    // Back to the confirmation (a GET page: no resubmission) and Buy again: the same purchase.
    expect((await agent.get(location)).status).toBe(200)
    const again = await agent.post('/billing/purchase/PROJ-P3', fields)
    expect(again.headers.get('location')).toBe(bought.headers.get('location')!.replace('purchased', 'replayed'))
    expect(gateway.charges.length).toBe(charges + 1)
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('asks again, without charging, when the total changes once more before the confirmation', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const first = await agent.post('/billing/purchase/PROJ-P3', { ...formFields(page), quantity: '5', ...newCard() })
    const fields = formFields(await (await agent.get(first.headers.get('location')!)).text())
    const charges = gateway.charges.length
    const changed = await agent.post('/billing/purchase/PROJ-P3', { ...fields, quantity: '7' })
    expect(changed.status).toBe(303)
    const html = await (await agent.get(changed.headers.get('location')!)).text()
    expect(textOf(html)).toContain('Total due today €236.04')
    expect(textOf(html)).toContain('Visa ending in 4242')
    expect(gateway.charges.length).toBe(charges)
  })

  it('confirms with a saved card too', async () => {
    const buyer = await aUser(database.db, w.org.id, { displayName: 'Saved Card' })
    const profile = await aBillingProfile(database.db, buyer)
    const card = await aCardOnFile(database.db, buyer)
    const agent = await signedIn(buyer.email)
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    expect(formFields(page).payment).toBe(`saved:${card.id}`)
    const buy = await agent.post('/billing/purchase/PROJ-P3', { ...formFields(page), quantity: '5' })
    const html = await (await agent.get(buy.headers.get('location')!)).text()
    expect(textOf(html)).toContain('Payment method Visa ending in 4242')
    const fields = formFields(html)
    expect(fields).toMatchObject({ payment: `saved:${card.id}`, profile: profile.id, quotedTotal: '16860' })
    expect(fields.cardToken).toBeUndefined()
    const bought = await agent.post('/billing/purchase/PROJ-P3', fields)
    expect(bought.headers.get('location')).toMatch(/\?done=purchased$/)
  })
})

describe('"Update total" without JavaScript', () => {
  it('re-prices on a GET page with the order in its URL and the card kept, then buys at that total', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const preview = await agent.post('/billing/purchase/PROJ-P3', {
      ...formFields(page),
      intent: 'preview',
      quantity: '7',
      ...newCard(),
    })
    expect(preview.status).toBe(303)
    const location = preview.headers.get('location')!
    expect(location).toMatch(/^\/billing\/purchase\/PROJ-P3\?quantity=7&frequency=monthly&profile=[0-9a-f-]{36}/)
    expect(location).toContain('payment=held')
    const html = await (await agent.get(location)).text()
    const text = textOf(html)
    expect(text).toContain('Total due today €236.04')
    expect(text).toContain('Visa ending in 4242, expires 12/2030 (the card you entered)')
    expect(text).not.toContain('For your security, enter the card number')
    expect(html).toContain('name="cardNumber"') // another card can still be typed, the field empty
    expect(html.replace(/\s/g, '')).not.toContain('4242424242424242')
    const fields = formFields(html)
    expect(fields).toMatchObject({ quantity: '7', payment: 'held', quotedTotal: '23604', cardNumber: '', cvc: '' })

    const charges = gateway.charges.length
    const bought = await agent.post('/billing/purchase/PROJ-P3', fields)
    expect(bought.headers.get('location')).toMatch(/\?done=purchased$/)
    expect(chargedTotals().slice(charges)).toEqual([23604])
    expect(await moneyDifferences(database.db)).toEqual([])
  })

  it('keeps the frequency and profile, and says why a card it could not keep must be typed again', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const preview = await agent.post('/billing/purchase/PROJ-P3', {
      ...formFields(page),
      intent: 'preview',
      quantity: '2',
      frequency: 'annual',
      ...newCard(),
      cvc: '',
    })
    const location = preview.headers.get('location')!
    expect(location).toContain('reenter=1')
    const html = await (await agent.get(location)).text()
    expect(textOf(html)).toContain('Total due today €674.40')
    expect(textOf(html)).toContain('For your security, enter the card number and security code again.')
    expect(formFields(html)).toMatchObject({ quantity: '2', frequency: 'annual', profile: w.profile.id })
  })

  it('keeps a typed card when Buy is refused for another field', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const res = await agent.post('/billing/purchase/PROJ-P3', { ...formFields(page), quantity: '0', ...newCard() })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(textOf(html)).toContain('Enter a whole number of licenses from 1 to 10,000')
    expect(textOf(html)).toContain('(the card you entered)')
    expect(textOf(html)).not.toContain('For your security')
    const fields = formFields(html)
    expect(fields.payment).toBe('held')
    // No total was shown for 0 licences: the one for 1 is shown to confirm, with the same card.
    const fixed = await agent.post('/billing/purchase/PROJ-P3', { ...fields, quantity: '1' })
    const confirm = await (await agent.get(fixed.headers.get('location')!)).text()
    expect(textOf(confirm)).toContain('Visa ending in 4242')
    const bought = await agent.post('/billing/purchase/PROJ-P3', formFields(confirm))
    expect(bought.headers.get('location')).toMatch(/\?done=purchased$/)
  })
})

describe('a held card', () => {
  async function leasConfirmation() {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const buy = await agent.post('/billing/purchase/PROJ-P3', { ...formFields(page), quantity: '5', ...newCard() })
    const location = buy.headers.get('location')!
    return { location, fields: formFields(await (await agent.get(location)).text()) }
  }

  it('is refused to a colleague and to another organization, who are charged nothing', async () => {
    const { location, fields } = await leasConfirmation()
    const charges = gateway.charges.length
    for (const [email, profile] of [
      ['sam@example.test', w.samProfile.id],
      ['eve@elsewhere.test', w.eveProfile.id],
    ] as const) {
      const agent = await signedIn(email)
      const res = await agent.post('/billing/purchase/PROJ-P3', {
        ...fields,
        profile,
        idempotencyKey: crypto.randomUUID(),
      })
      expect(res.status, email).toBe(422)
      const html = await res.text()
      expect(textOf(html)).toContain('Choose one of your saved cards or enter a new one')
      expect(textOf(html)).not.toContain('4242')
      // The confirmation's URL shows them nothing of the card either: it is the checkout again.
      const opened = await agent.get(location.replace(w.profile.id, profile))
      expect(opened.status, email).toBe(303)
      expect(textOf(await (await agent.get(opened.headers.get('location')!)).text())).not.toContain('ending in 4242')
    }
    expect(gateway.charges.length).toBe(charges)
  })

  it('must be one the gateway issued', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/PROJ-P3')).text()
    const res = await agent.post('/billing/purchase/PROJ-P3', {
      ...formFields(page),
      payment: 'held',
      cardToken: `tok_sb_ok_${'0'.repeat(32)}`,
    })
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('Choose one of your saved cards or enter a new one')
  })

  it('starts a trial after the trial form came back', async () => {
    const agent = await signedIn('lea@example.test')
    const page = await (await agent.get('/billing/purchase/TEAMS/trial')).text()
    const res = await agent.post('/billing/purchase/TEAMS/trial', {
      ...formFields(page),
      profile: 'not-a-profile',
      ...newCard(),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(textOf(html)).toContain('Visa ending in 4242, expires 12/2030 (the card you entered)')
    const fields = formFields(html)
    expect(fields.payment).toBe('held')
    const started = await agent.post('/billing/purchase/TEAMS/trial', { ...fields, profile: w.profile.id })
    expect(started.headers.get('location')).toMatch(/\?done=trial_started$/)
  })
})
