import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { licenseAssignments } from '../../src/db/schema/index'
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

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-16T00:00:00Z'))
  const { db } = database
  w.org = await anOrganization(db)
  w.other = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  w.hugo = await aUser(db, w.org.id, { displayName: 'Hugo Hébert', email: 'hugo@example.test' })
  w.ines = await aUser(db, w.org.id, { displayName: 'Inès Hébert', email: 'ines@example.test' })
  w.clem = await aUser(db, w.org.id, { displayName: 'Clémence Dupont', email: 'clemence@example.test' })
  w.guest = await aUser(db, w.org.id, { displayName: 'Gus Hébert', kind: 'guest', email: 'gus@partner.test' })
  w.stranger = await aUser(db, w.other.id, { displayName: 'Stan Hébert' })
  w.product = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3' })
  w.profile = await aBillingProfile(db, w.lea)
  w.card = await aCardOnFile(db, w.lea)
})
afterAll(() => database.close())

/** A subscription of Léa's for one test alone (so no test depends on what another changed): 100
 *  licences at €10 with hers assigned, unless the test says otherwise. */
function aLeaSubscription(o: { quantity?: number; holders?: { id: string }[] } = {}) {
  return aSubscription(database.db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.product.id,
    billingProfileId: w.profile.id,
    paymentMethodId: w.card.id,
    at: new Date('2026-11-01T00:00:00Z'),
    quantity: o.quantity ?? 100,
    unitPrice: 1000,
    assignedUserIds: (o.holders ?? [w.lea]).map((u) => u.id),
  })
}

async function lea() {
  const agent = new Agent(app)
  await agent.signIn('lea@example.test', PASSWORD)
  return agent
}

describe('Buy licenses / Remove licenses', () => {
  it('opens a pane prefilled with the total, and previews the cost live', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    const page = textOf(await (await agent.get(`/billing/products/${sub.id}/licenses`)).text())
    expect(page).toContain('You have 100 licenses; 1 is assigned.')
    const pane = await (
      await agent.get(`/billing/products/${sub.id}/licenses`, { 'hx-request': 'true', 'hx-request-type': 'partial' })
    ).text()
    expect(pane.startsWith('<div id="pane"')).toBe(true)
    expect(pane).toContain('value="100"')
    const preview = await (
      await agent.get(`/billing/products/${sub.id}/licenses?total=105`, {
        'hx-request': 'true',
        'hx-request-type': 'partial',
      })
    ).text()
    expect(textOf(preview)).toContain(
      'You buy 5 licenses. For the 15 days left in this term you pay €25.00 plus €5.00 tax: €30.00',
    )
  })

  it('previews without JavaScript on a GET page, charging nothing (Enter in the total does this too)', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    const res = await agent.post(`/billing/products/${sub.id}/licenses`, {
      total: '105',
      intent: 'preview',
      formKey: crypto.randomUUID(),
    })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/billing/products/${sub.id}/licenses?total=105`)
    const page = await (await agent.get(res.headers.get('location')!)).text()
    expect(textOf(page)).toContain('You buy 5 licenses.')
    expect(page).toContain('value="105"')
    // "Check the change" comes before Save, so it is the button Enter presses.
    expect(page.indexOf('value="preview"')).toBeLessThan(page.indexOf('>Save<'))
    expect(textOf(await (await agent.get(`/billing/products/${sub.id}`)).text())).toContain('Total licenses 100')
  })

  it('buys 5 more: 100 → 105, and says so', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    const page = await (await agent.get(`/billing/products/${sub.id}/licenses`)).text()
    const formKey = /name="formKey" value="([^"]+)"/.exec(page)![1]!
    const res = await agent.post(`/billing/products/${sub.id}/licenses`, { total: '105', formKey })
    expect(res.headers.get('location')).toBe(`/billing/products/${sub.id}?done=licenses_add`)
    const text = textOf(await (await agent.get(res.headers.get('location')!)).text())
    expect(text).toContain('Licenses bought: you now have 105.')
    expect(text).toContain('Total licenses 105')
  })

  it('answers htmx with a closed pane, a fresh summary, an event for other lists, and a status message', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    const res = await agent.post(
      `/billing/products/${sub.id}/licenses`,
      { total: '106', formKey: crypto.randomUUID() },
      { 'hx-request': 'true', 'hx-request-type': 'partial' },
    )
    const html = await res.text()
    expect(html.startsWith('<div id="pane" class="pane-slot"></div>')).toBe(true)
    expect(html).toContain('<hx-partial hx-target="#subscription-summary" hx-swap="outerHTML">')
    // The opener is back under its id (public/js/app.js gives it focus when the dialog closes).
    expect(html).toMatch(
      /<a class="button button--secondary" id="buy-licenses" href="\/billing\/products\/[^"]+\/licenses"/,
    )
    expect(res.headers.get('hx-trigger')).toBe('subscription-changed')
    expect(html).toContain('Licenses bought: you now have 106.')
  })

  it.each([
    ['0', 'Enter a whole number of licenses from 1 to 10,000'],
    ['-1', 'Enter a whole number of licenses from 1 to 10,000'],
    ['10001', 'Enter a whole number of licenses from 1 to 10,000'],
    ['abc', 'Enter a whole number of licenses from 1 to 10,000'],
    ['', 'Enter a whole number of licenses from 1 to 10,000'],
  ])('refuses a total of %j with a 422 and the message beside the field', async (total, message) => {
    const sub = await aLeaSubscription()
    const res = await (await lea()).post(`/billing/products/${sub.id}/licenses`, {
      total,
      formKey: crypto.randomUUID(),
    })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain(`<a href="#total">${message}</a>`)
    expect(html).toContain('aria-describedby="total-hint total-error"')
  })

  it('refuses a total below the assigned count, saying how many to unassign', async () => {
    const sub = await aLeaSubscription({ quantity: 3, holders: [w.lea, w.hugo, w.ines] })
    const res = await (await lea()).post(`/billing/products/${sub.id}/licenses`, {
      total: '1',
      formKey: crypto.randomUUID(),
    })
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain(
      '3 licenses are assigned: unassign 2 before lowering the total to this number.',
    )
  })
})

describe('Licenses pages', () => {
  it('pages through 60 holders with Next and Previous, each person once (keyset pages)', async () => {
    const holders = []
    for (let i = 0; i < 59; i++) holders.push(await aUser(database.db, w.org.id, { displayName: `Page Holder ${i}` }))
    const sub = await aLeaSubscription({ quantity: 100, holders: [w.lea, ...holders] })
    const agent = await lea()
    const pages: string[][] = []
    let url: string | undefined = `/billing/licenses/${sub.id}`
    let html = ''
    while (url) {
      html = await (await agent.get(url)).text()
      pages.push(tableRows(html).map((row) => row.join(' ')))
      url = /<a href="([^"]+)" rel="next"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
      // A later page starts from the last name shown (a cursor), not from an offset to count through.
      if (url) expect(url).toMatch(/[?&]after=[\w-]+/)
    }
    expect(pages.map((p) => p.length)).toEqual([25, 25, 10])
    expect(new Set(pages.flat()).size).toBe(60)
    expect(textOf(html)).toContain('Page 3 of 3')
    const back = /<a href="([^"]+)" rel="prev"/.exec(html)![1]!.replace(/&amp;/g, '&')
    expect(tableRows(await (await agent.get(back)).text()).map((row) => row.join(' '))).toEqual(pages[1])
  })

  it('lists products with assigned, available and total', async () => {
    const visio = await aProduct(database.db, { nameEn: 'Visio Plan 2' })
    await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.lea.id,
      productId: visio.id,
      at: new Date('2026-11-01T00:00:00Z'),
      quantity: 5,
      assignedUserIds: [w.lea.id, w.hugo.id],
    })
    const rows = tableRows(await (await (await lea()).get('/billing/licenses')).text())
    expect(rows.filter(([product]) => product?.startsWith('Visio Plan 2'))).toEqual([
      ['Visio Plan 2 Purchased 1 November 2026 · monthly term', 'Active', '2', '3', '5'],
    ])
  })

  it('assigns three people found by typing part of their names, across searches, without JavaScript', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    // "Search people" is sent to the pane's GET address (POST → 303 → GET): Back never asks to resend.
    const searched = await agent.post(`/billing/licenses/${sub.id}/assign`, { intent: 'search', q: 'hébert' })
    expect(searched.status).toBe(303)
    const found = textOf(await (await agent.get(searched.headers.get('location')!)).text())
    expect(found).toContain('Choose Hugo Hébert (hugo@example.test)')
    expect(found).toContain('Choose Inès Hébert (ines@example.test)')
    expect(found).not.toContain('Gus Hébert') // guests cannot get a licence
    expect(found).not.toContain('Stan Hébert') // another organization
    const again = await agent.post(`/billing/licenses/${sub.id}/assign`, {
      intent: 'search',
      q: 'dupont',
      userIds: [w.hugo.id, w.ines.id],
    })
    const kept = await (await agent.get(again.headers.get('location')!)).text()
    expect(kept).toContain(`value="${w.hugo.id}" id="chosen-${w.hugo.id}" checked`)
    const res = await agent.post(`/billing/licenses/${sub.id}/assign`, {
      q: 'dupont',
      userIds: [w.hugo.id, w.ines.id, w.clem.id],
    })
    expect(res.headers.get('location')).toBe(`/billing/licenses/${sub.id}`)
    const page = textOf(await (await agent.get(`/billing/licenses/${sub.id}`)).text())
    expect(page).toContain('Licenses assigned to 3 people.')
    expect(page).toContain('Clémence Dupont')
  })

  it('skips people who already have a licence, with a message', async () => {
    const sub = await aLeaSubscription({ holders: [w.lea, w.hugo] })
    const agent = await lea()
    await agent.post(`/billing/licenses/${sub.id}/assign`, { userIds: [w.hugo.id] })
    expect(textOf(await (await agent.get(`/billing/licenses/${sub.id}`)).text())).toContain(
      'Already had a license, so skipped: Hugo Hébert.',
    )
  })

  it('refuses 21 people, a guest and another organization’s user in a crafted POST', async () => {
    const sub = await aLeaSubscription()
    const agent = await lea()
    const many = Array.from({ length: 21 }, () => crypto.randomUUID())
    const res = await agent.post(`/billing/licenses/${sub.id}/assign`, { userIds: many })
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('You chose 21 people: choose at most 20 at a time')
    for (const u of [w.guest, w.stranger]) {
      const r = await agent.post(`/billing/licenses/${sub.id}/assign`, { userIds: [u.id] })
      expect(r.status).toBe(422)
      expect(textOf(await r.text())).toContain('Only active members of your organization can get a license.')
    }
  })

  it('says how many are available when too many are chosen', async () => {
    const sub = await aLeaSubscription({ quantity: 3, holders: [w.lea, w.hugo, w.ines] })
    const res = await (await lea()).post(`/billing/licenses/${sub.id}/assign`, {
      userIds: [w.clem.id, w.lea.id, w.hugo.id],
    })
    // 3 licences, Léa, Hugo and Inès hold them; Clémence is new
    expect(textOf(await res.text())).toContain('Not enough licenses: 0 available, 1 chosen.')
  })

  it('unassigns two people after a confirmation', async () => {
    const sub = await aLeaSubscription({ holders: [w.lea, w.hugo, w.ines] })
    const agent = await lea()
    const confirm = await agent.post(`/billing/licenses/${sub.id}/unassign`, { userIds: [w.hugo.id, w.ines.id] })
    expect(confirm.status).toBe(200)
    const text = textOf(await confirm.text())
    expect(text).toContain('Unassign licenses?')
    expect(text).toContain('Hugo Hébert (hugo@example.test)')
    const holders = async () =>
      (
        await database.db
          .select({ userId: licenseAssignments.userId })
          .from(licenseAssignments)
          .where(eq(licenseAssignments.subscriptionId, sub.id))
      ).map((a) => a.userId)
    expect(await holders()).toHaveLength(3) // nothing unassigned before the confirmation
    const done = await agent.post(`/billing/licenses/${sub.id}/unassign`, {
      userIds: [w.hugo.id, w.ines.id],
      confirm: 'yes',
    })
    expect(done.status).toBe(303)
    expect(textOf(await (await agent.get(`/billing/licenses/${sub.id}`)).text())).toContain(
      'Licenses unassigned from 2 people.',
    )
    expect(await holders()).toEqual([w.lea.id])
  })

  it('answers 404 for another user’s or another tenant’s subscription', async () => {
    const sub = await aLeaSubscription()
    const other = new Agent(app)
    const stranger = await aUser(database.db, w.other.id, { email: 'stranger@other.test' })
    await other.signIn(stranger.email, PASSWORD)
    expect((await other.get(`/billing/licenses/${sub.id}`)).status).toBe(404)
    expect((await other.post(`/billing/licenses/${sub.id}/assign`, { userIds: [stranger.id] })).status).toBe(404)
    expect((await other.post(`/billing/products/${sub.id}/licenses`, { total: '200' })).status).toBe(404)
  })
})
