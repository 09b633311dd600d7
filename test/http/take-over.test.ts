import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { licenseAssignments, subscriptions } from '../../src/db/schema/index'
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

const now = new Date('2026-11-16T10:00:00Z')
const start = new Date('2026-11-01T00:00:00Z')
let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock(now))
  const { db } = database
  w.org = await anOrganization(db)
  const other = await anOrganization(db)
  w.lea = await aUser(db, w.org.id, { email: 'lea@example.test', displayName: 'Léa Martin' })
  w.tom = await aUser(db, w.org.id, { email: 'tom@example.test', displayName: 'Tom Dubois', language: 'fr' })
  w.admin = await aUser(db, w.org.id, { email: 'admin@example.test', role: 'admin', displayName: 'Ada Admin' })
  await aUser(db, w.org.id, { email: 'admin-fr@example.test', role: 'admin', language: 'fr' })
  await aUser(db, w.org.id, { email: 'guest@partner.test', kind: 'guest' })
  await aUser(db, other.id, { email: 'admin@other.test', role: 'admin' })
  w.colleagues = await Promise.all(
    ['Ana', 'Ben', 'Chloé'].map((n, i) => aUser(db, w.org.id, { email: `c${i}@example.test`, displayName: n })),
  )
  w.product = await aProduct(db, { code: 'PROJ-P3', nameEn: 'Project Plan 3', nameFr: 'Projet Plan 3' })
  const profile = await aBillingProfile(db, w.lea)
  w.card = await aCardOnFile(db, w.lea)
  w.profile = profile
})
afterAll(() => database.close())

/** Léa's purchase of `holders` users (her first), and the admin's central one with `free` free licences. */
async function world(holders: number, free: number) {
  const { db } = database
  const sub = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.lea.id,
    productId: w.product.id,
    billingProfileId: w.profile.id,
    paymentMethodId: w.card.id,
    at: start,
    quantity: 5,
    unitPrice: 1000,
    assignedUserIds: [w.lea.id, ...w.colleagues.slice(0, holders - 1).map((u: { id: string }) => u.id)],
  })
  const central = await aSubscription(db, {
    orgId: w.org.id,
    purchaserId: w.admin.id,
    productId: w.product.id,
    source: 'admin',
    at: start,
    quantity: free + 1,
    assignedUserIds: [w.admin.id],
  })
  return { sub, central }
}

async function as(who: string | null): Promise<Agent> {
  const agent = new Agent(app)
  if (who) await agent.signIn(who, PASSWORD)
  return agent
}
const url = (id: string) => `/admin/self-service/${id}/take-over`
const HTMX = { 'HX-Request': 'true', 'HX-Request-Type': 'partial' }

describe('the take-over page', () => {
  it('says what happens, how many free licences are needed, and lists the candidates', async () => {
    const { sub, central } = await world(3, 10)
    const html = await (await (await as('admin@example.test')).get(url(sub.id))).text()
    const text = textOf(html)
    expect(text).toContain('Project Plan 3, bought by Léa Martin (lea@example.test).')
    expect(text).toContain('Léa Martin loses it')
    expect(text).toContain('needs 3 free licences')
    expect(text).toMatch(/Léa Martin is credited €\d+\.\d\d for the paid time left/)
    expect(html).toContain(`value="${central.id}"`)
    expect(text).toContain('Bought centrally by Ada Admin — 11 licences, 1 assigned, 10 free')
    expect(html).toMatch(/<h1[^>]*>Take over subscription<\/h1>/)
  })

  it('answers htmx with the pane only, in the dialog slot', async () => {
    const { sub } = await world(1, 2)
    const html = await (await (await as('admin@example.test')).get(url(sub.id), HTMX)).text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="pane"')
    expect(html).toMatch(/<h2[^>]*id="pane-title"[^>]*>Take over subscription<\/h2>/)
  })

  it('lists a subscription without enough free licences apart, with what it lacks', async () => {
    const { sub, central } = await world(3, 1)
    const html = await (await (await as('admin@example.test')).get(url(sub.id))).text()
    expect(html).not.toContain(`value="${central.id}"`)
    // The other tests' subscriptions are candidates too: this one is among those listed apart.
    expect(textOf(html)).toContain('Without enough free licences:')
    expect(textOf(html)).toContain(
      'Bought centrally by Ada Admin — 2 licences, 1 assigned, 1 free — needs 3 free licences',
    )
  })

  it('is linked from the purchase’s page and from its row in the list', async () => {
    const { sub } = await world(1, 2)
    const admin = await as('admin@example.test')
    const details = await (await admin.get(`/admin/self-service/${sub.id}`)).text()
    expect(details).toMatch(new RegExp(`<a id="take-over"[^>]*href="${url(sub.id)}"[^>]*hx-get="${url(sub.id)}"`))
    const list = await (await admin.get('/admin/self-service?q=L%C3%A9a')).text()
    expect(list).toContain(`href="${url(sub.id)}"`)
  })
})

describe('taking over by moving the users', () => {
  it('moves them, redirects to the purchase which shows Deleted and the message', async () => {
    const { sub, central } = await world(3, 10)
    const admin = await as('admin@example.test')
    const res = await admin.post(url(sub.id), { choice: 'move', target: central.id })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/admin/self-service/${sub.id}`)
    const page = await (await admin.get(res.headers.get('location')!)).text()
    expect(textOf(page)).toContain('Deleted')
    expect(textOf(page)).toContain('Project Plan 3 bought by Léa Martin is taken over: 3 users moved')
    expect(page).not.toContain('id="take-over"')
    const held = await database.db
      .select()
      .from(licenseAssignments)
      .where(eq(licenseAssignments.subscriptionId, central.id))
    expect(held).toHaveLength(4)
    // Listed as Deleted, without Take over.
    const list = await (await admin.get('/admin/self-service?status=deleted')).text()
    expect(tableRows(list).some((r) => r[4] === 'Deleted' && r[1]?.startsWith('Léa Martin'))).toBe(true)
    expect(list).not.toContain(`href="${url(sub.id)}"`)
  })

  it('tells the purchaser who took it over and where the users went, in their language', async () => {
    const { sub, central } = await world(1, 2)
    await (await as('admin@example.test')).post(url(sub.id), { choice: 'move', target: central.id })
    const lea = await as('lea@example.test')
    const text = textOf(await (await lea.get('/notifications')).text())
    expect(text).toContain(
      'Ada Admin, an administrator, took over your subscription to Project Plan 3: its users now have licences ' +
        'of the organization’s subscription.',
    )
    expect((await lea.get(`/billing/products/${sub.id}`)).status).toBe(404)
    expect(await (await lea.get('/billing/products')).text()).not.toContain(sub.id)
  })

  it('answers htmx with the closed pane, the refreshed details and the message', async () => {
    const { sub, central } = await world(2, 5)
    const res = await (await as('admin@example.test')).post(url(sub.id), { choice: 'move', target: central.id }, HTMX)
    expect(res.status).toBe(200)
    expect(res.headers.get('hx-trigger')).toBe('subscription-changed')
    const html = await res.text()
    expect(html).toContain('<div id="pane" class="pane-slot"></div>')
    expect(html).toContain('hx-target="#purchase-details"')
    expect(textOf(html)).toContain('2 users moved')
  })

  it('refuses a target without enough free licences with the number needed (422, error summary)', async () => {
    const { sub, central } = await world(3, 1)
    const res = await (await as('admin@example.test')).post(url(sub.id), { choice: 'move', target: central.id })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('<title>Error:')
    expect(html).toContain('href="#target"')
    expect(textOf(html)).toContain('That subscription needs 3 free licences, it has 1.')
    const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))
    expect(after?.status).toBe('active')
  })

  it('asks for a target when none is chosen', async () => {
    const { sub } = await world(1, 2)
    const res = await (await as('admin@example.test')).post(url(sub.id), { choice: 'move' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('href="#target"')
    expect(textOf(html)).toContain('Choose the subscription to move the users to.')
  })
})

describe('taking over by cancelling', () => {
  it('needs a reason, and a note for Other: 422 with each field linked, the values kept', async () => {
    const { sub } = await world(1, 2)
    const admin = await as('admin@example.test')
    const none = await admin.post(url(sub.id), { choice: 'cancel', note: 'Kept' })
    expect(none.status).toBe(422)
    const html = await none.text()
    expect(html).toContain('href="#reason"')
    expect(html).toContain('Kept</textarea>')
    const other = await admin.post(url(sub.id), { choice: 'cancel', reason: 'other' })
    expect(other.status).toBe(422)
    expect(await other.text()).toContain('href="#note"')
  })

  it('cancels with the reason, which the purchaser reads in French', async () => {
    const sub = await aSubscription(database.db, {
      orgId: w.org.id,
      purchaserId: w.tom.id,
      productId: w.product.id,
      at: start,
      status: 'trial',
      startedAsTrial: true,
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
      assignedUserIds: [w.tom.id],
    })
    const admin = await as('admin@example.test')
    const res = await admin.post(url(sub.id), { choice: 'cancel', reason: 'not_approved', note: 'Voir la DSI.' })
    expect(res.status).toBe(303)
    // textOf reads the no-break spaces of French typography as spaces.
    const text = textOf(await (await (await as('tom@example.test')).get('/notifications')).text())
    expect(text).toContain(
      'Ada Admin, administrateur, a repris votre abonnement à Projet Plan 3 et l’a annulé. ' +
        'Motif : L’achat n’a pas été approuvé. Son message : « Voir la DSI. »',
    )
    // A deleted subscription cannot be taken over again.
    const again = await admin.get(url(sub.id))
    expect(again.status).toBe(422)
    expect(textOf(await again.text())).toContain('This subscription is deleted: it cannot be taken over again.')
    expect((await admin.post(url(sub.id), { choice: 'cancel', reason: 'duplicate' })).status).toBe(422)
  })

  it('speaks French to a French admin', async () => {
    const { sub } = await world(1, 2)
    const html = await (await (await as('admin-fr@example.test')).get(url(sub.id))).text()
    expect(html).toContain('Reprendre l’abonnement')
    expect(textOf(html)).toContain('L’organisation achète ce produit de façon centralisée')
  })
})

describe('who may take over', () => {
  const ROLES = {
    anonymous: null,
    member: 'lea@example.test',
    guest: 'guest@partner.test',
    otherAdmin: 'admin@other.test',
  } as const

  it('answers everyone but an admin of the organization as if it did not exist, and changes nothing', async () => {
    const { sub, central } = await world(1, 2)
    for (const [role, who] of Object.entries(ROLES)) {
      const agent = await as(who)
      const expected = who ? 404 : 303
      expect([role, (await agent.get(url(sub.id))).status]).toEqual([role, expected])
      const forms: Record<string, string>[] = [
        { choice: 'move', target: central.id },
        { choice: 'cancel', reason: 'duplicate' },
      ]
      for (const form of forms) expect([role, (await agent.post(url(sub.id), form)).status]).toEqual([role, expected])
    }
    const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))
    expect(after?.status).toBe('active')
  })

  it('refuses a POST without the CSRF token', async () => {
    const { sub, central } = await world(1, 2)
    const res = await (await as('admin@example.test')).post(url(sub.id), {
      _csrf: '',
      choice: 'move',
      target: central.id,
    })
    expect(res.status).toBe(403)
  })

  it('answers 404 for a subscription an admin bought centrally, and for an id that is not one', async () => {
    const { central } = await world(1, 2)
    const admin = await as('admin@example.test')
    expect((await admin.get(url(central.id))).status).toBe(404)
    expect((await admin.get(url('nope'))).status).toBe(404)
  })
})
