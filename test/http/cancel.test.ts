import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { notifications, subscriptions } from '../../src/db/schema/index'
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
import { Agent, testApp, textOf } from '../support/http'

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
  const { db } = database
  w.org = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  w.colleague = await aUser(db, w.org.id, { email: 'colleague@example.test' })
  w.product = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3' })
  w.profile = await aBillingProfile(db, w.lea)
  w.card = await aCardOnFile(db, w.lea)
})
afterAll(() => database.close())

/** A subscription of Léa's for one test alone, so that no test sees what another cancelled. */
function aLeaSubscription(over: object = {}) {
  return aSubscription(database.db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.product.id,
    billingProfileId: w.profile.id,
    paymentMethodId: w.card.id,
    at: new Date('2026-11-05T00:00:00Z'),
    ...over,
  })
}

async function signedIn(email = 'lea@example.test') {
  const agent = new Agent(app)
  await agent.signIn(email, PASSWORD)
  return agent
}

describe('cancelling', () => {
  it('says what will happen before asking for the reason', async () => {
    const sub = await aLeaSubscription()
    const text = textOf(await (await (await signedIn()).get(`/billing/products/${sub.id}/cancel`)).text())
    expect(text).toContain('Recurring billing stops. You and your users keep access until 5 December 2026')
    expect(text).toContain('Why are you cancelling?')
  })

  it('offers Cancel subscription from the More actions menu of each row', async () => {
    const sub = await aLeaSubscription()
    const html = await (await (await signedIn()).get('/billing/products')).text()
    expect(html).toContain(
      `<summary aria-describedby="about-${sub.id}"><span aria-hidden="true">⋯</span>` +
        '<span class="visually-hidden">More actions for Project Plan 3</span></summary>',
    )
    expect(html).toContain(`href="/billing/products/${sub.id}/cancel"`)
  })

  it('refuses no reason, or 5,001 characters of feedback: 422, nothing changed', async () => {
    const sub = await aLeaSubscription()
    const agent = await signedIn()
    const none = await agent.post(`/billing/products/${sub.id}/cancel`, { feedback: 'x' })
    expect(none.status).toBe(422)
    expect(await none.text()).toContain('<a href="#reason">Choose a reason for cancelling</a>')
    const long = await agent.post(`/billing/products/${sub.id}/cancel`, {
      reason: 'other',
      feedback: 'é'.repeat(5001),
    })
    expect(long.status).toBe(422)
    const html = await long.text()
    expect(textOf(html)).toContain('Use 5,000 characters or fewer (you used 5,001)')
    expect(html).toContain('é'.repeat(5001)) // the feedback is kept for the user to shorten
    // A long paste is counted and kept whole, not cut to a length the message then misreports.
    const paste = await agent.post(`/billing/products/${sub.id}/cancel`, {
      reason: 'other',
      feedback: 'a'.repeat(12_000),
    })
    expect(textOf(await paste.text())).toContain('(you used 12,000)')
    const [row] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))
    expect(row).toMatchObject({ cancelledAt: null, autoRenew: true })
  })

  it('cancels with a reason and feedback, and a second try says it is already cancelled', async () => {
    const sub = await aLeaSubscription()
    const agent = await signedIn()
    const res = await agent.post(`/billing/products/${sub.id}/cancel`, {
      reason: 'missing_features',
      feedback: 'We need <b>Gantt</b> charts.',
    })
    expect(res.headers.get('location')).toBe(`/billing/products/${sub.id}?done=cancelled_at_term_end`)
    expect(textOf(await (await agent.get(res.headers.get('location')!)).text())).toContain(
      'Subscription cancelled: recurring billing is off',
    )
    const [row] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))
    expect(row).toMatchObject({
      cancellationReason: 'missing_features',
      cancellationFeedback: 'We need <b>Gantt</b> charts.',
      autoRenew: false,
    })
    const again = await agent.post(`/billing/products/${sub.id}/cancel`, { reason: 'other', feedback: '' })
    expect(again.status).toBe(422)
    expect(textOf(await again.text())).toContain('This subscription is already cancelled: nothing changed.')
  })

  it('answers 404 for someone else’s subscription', async () => {
    const [sub, pending] = [await aLeaSubscription(), await aLeaSubscription({ quantity: 10, pendingQuantity: 6 })]
    const agent = await signedIn('colleague@example.test')
    expect((await agent.get(`/billing/products/${sub.id}/cancel`)).status).toBe(404)
    expect((await agent.post(`/billing/products/${pending.id}/cancel`, { reason: 'other', feedback: '' })).status).toBe(
      404,
    )
    expect((await agent.post(`/billing/products/${pending.id}/auto-renew`, { on: 'false' })).status).toBe(404)
  })
})

describe('recurring billing', () => {
  it('turns off without cancelling, says it drops the pending reduction, and turns on again', async () => {
    const pending = await aLeaSubscription({ quantity: 10, pendingQuantity: 6 })
    const agent = await signedIn()
    const page = textOf(await (await agent.get(`/billing/products/${pending.id}`)).text())
    expect(page).toContain('It also drops the scheduled change to 6 licenses.')
    const off = await agent.post(`/billing/products/${pending.id}/auto-renew`, { on: 'false' })
    expect(textOf(await (await agent.get(off.headers.get('location')!)).text())).toContain(
      'Recurring billing is off. The scheduled change to 6 licenses was dropped.',
    )
    const [sub] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, pending.id))
    expect(sub).toMatchObject({ autoRenew: false, pendingQuantity: null, cancelledAt: null })
    await agent.post(`/billing/products/${pending.id}/auto-renew`, { on: 'true' })
    expect((await database.db.select().from(subscriptions).where(eq(subscriptions.id, pending.id)))[0]!.autoRenew).toBe(
      true,
    )
  })

  it('reactivates an expired subscription with a new term', async () => {
    const expired = await aLeaSubscription({ status: 'expired', at: new Date('2026-09-01T00:00:00Z') })
    const agent = await signedIn()
    expect(textOf(await (await agent.get(`/billing/products/${expired.id}`)).text())).toContain(
      'Starts a new term today: €120.00 for 10 licenses',
    )
    const res = await agent.post(`/billing/products/${expired.id}/reactivate`, {})
    expect(res.headers.get('location')).toBe(`/billing/products/${expired.id}?done=reactivated`)
    expect((await database.db.select().from(subscriptions).where(eq(subscriptions.id, expired.id)))[0]!.status).toBe(
      'active',
    )
  })
})

describe('notifications', () => {
  it('shows the unread count in the header and lists notifications until marked read', async () => {
    const sub = await aLeaSubscription()
    await database.db.insert(notifications).values({
      orgId: w.org.id,
      userId: w.lea.id,
      kind: 'renewal_failed',
      subscriptionId: sub.id,
      data: {},
      createdAt: new Date('2026-11-20T00:00:00Z'),
    })
    const agent = await signedIn()
    expect(textOf(await (await agent.get('/billing/products')).text())).toMatch(/Notifications \(\d+ unread\)/)
    const list = textOf(await (await agent.get('/notifications')).text())
    expect(list).toContain('The renewal of Project Plan 3 failed and the subscription has expired.')
    await agent.post('/notifications/read', {})
    expect(textOf(await (await agent.get('/billing/products')).text())).not.toMatch(/unread/)
  })
})

describe('refusals of the recurring-billing actions', () => {
  it('refuses to change recurring billing on an expired subscription, on its page with a 422', async () => {
    const sub = await aLeaSubscription({ status: 'expired' })
    const res = await (await signedIn()).post(`/billing/products/${sub.id}/auto-renew`, { on: 'false' })
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('Recurring billing can be changed only on an active subscription.')
  })

  it('refuses to reactivate an active subscription, on its page with a 422, charging nothing', async () => {
    const sub = await aLeaSubscription()
    const res = await (await signedIn()).post(`/billing/products/${sub.id}/reactivate`, {})
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('Only an expired or disabled subscription can be reactivated.')
  })

  it('refuses to start paying for a subscription that is not a trial, with a 422', async () => {
    const sub = await aLeaSubscription()
    const res = await (await signedIn()).post(`/billing/products/${sub.id}/convert`, {})
    expect(res.status).toBe(422)
    expect(textOf(await res.text())).toContain('This subscription is not a trial.')
  })
})
