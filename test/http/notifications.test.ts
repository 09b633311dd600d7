import { randomUUID } from 'node:crypto'
import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { invoices, notifications } from '../../src/db/schema/index'
import { runLifecycle } from '../../src/services/lifecycle/run-lifecycle'
import { testDeps } from '../support/deps'
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

/** A saved card the sandbox declines; each one its own token (tokens are unique). */
const declining = () => `tok_sb_card_declined_${randomUUID().replace(/-/g, '')}`
const clock = fixedClock('2026-11-16T10:00:00Z')
let database: Database
let app: ReturnType<typeof testApp>
let org: Awaited<ReturnType<typeof anOrganization>>
let product: Awaited<ReturnType<typeof aProduct>>

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, clock)
  org = await anOrganization(database.db)
  product = await aProduct(database.db, { code: 'DEV-TOOLS', nameEn: 'Developer Toolkit', nameFr: 'Boîte à outils' })
})
afterAll(() => database.close())

/** A purchaser with a billing profile and a card, signed in, in `lang`. */
async function aPurchaser(lang: 'en' | 'fr' = 'en', token?: string) {
  const user = await aUser(database.db, org.id, { language: lang })
  const profile = await aBillingProfile(database.db, user)
  const card = await aCardOnFile(database.db, user, token)
  const agent = new Agent(app)
  await agent.signIn(user.email, PASSWORD)
  await agent.post('/language', { lang })
  return { user, profile, card, agent }
}

/** Where each of a subscription's invoices and credit notes opens, by number. */
async function documentUrls(subscriptionId: string): Promise<string[]> {
  const rows = await database.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(eq(invoices.subscriptionId, subscriptionId))
    .orderBy(asc(invoices.number))
  return rows.map((r) => `/billing/invoices/${r.id}`)
}

/** Each notification as the user reads it: its text, and where its link goes. */
async function notificationsOf(agent: Agent) {
  const html = await (await agent.get('/notifications')).text()
  return [...html.matchAll(/<li class="notification[^"]*">([\s\S]*?)<\/li>/g)].map((m) => ({
    text: textOf(m[1]!).trim(),
    href: m[1]!.match(/href="([^"]+)"/)?.[1] ?? null,
  }))
}

describe('notifications of invoices and credit notes', () => {
  it('tells an invoice from a credit note, with its date, number and amount, and one notice per removal', async () => {
    clock.set('2026-11-16T10:00:00Z')
    const { user, profile, card, agent } = await aPurchaser()
    const sub = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
      quantity: 10,
      assignedUserIds: [user.id],
    })
    // 4 added halfway through the month: 4 × €10.00 × 15/30 = €20.00 + 20 % VAT = €24.00.
    expect((await agent.post(`/billing/products/${sub.id}/licenses`, { total: '14' })).status).toBe(303)
    expect(await notificationsOf(agent)).toEqual([
      {
        text: 'New 16 November 2026 — Invoice no. 1 (€24.00) was issued for Developer Toolkit. Open invoice no. 1',
        href: (await documentUrls(sub.id))[0],
      },
    ])
    // 1 removed the same day (within 7 days of the addition): credited at once, €5.00 + VAT = €6.00.
    expect((await agent.post(`/billing/products/${sub.id}/licenses`, { total: '13' })).status).toBe(303)
    const shown = await notificationsOf(agent)
    expect(shown.map((n) => n.text)).toEqual([
      'New 16 November 2026 — Credit note no. 2 (€6.00) was issued for Developer Toolkit. Open credit note no. 2',
      'New 16 November 2026 — Invoice no. 1 (€24.00) was issued for Developer Toolkit. Open invoice no. 1',
    ])
    // A document's notification opens its own page.
    expect(shown.map((n) => n.href)).toEqual((await documentUrls(sub.id)).reverse())
  })

  it('says the same in French, with French money, dates and the document number', async () => {
    clock.set('2026-11-16T10:00:00Z')
    const { user, profile, card, agent } = await aPurchaser('fr')
    const sub = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      billingProfileId: profile.id,
      paymentMethodId: card.id,
      at: new Date('2026-11-01T00:00:00Z'),
      quantity: 10,
      assignedUserIds: [user.id],
    })
    await agent.post(`/billing/products/${sub.id}/licenses`, { total: '14' })
    await agent.post(`/billing/products/${sub.id}/licenses`, { total: '13' })
    const shown = await notificationsOf(agent)
    expect(shown.map((n) => n.text)).toEqual([
      'Nouveau 16 novembre 2026 — L’avoir n° 2 (6,00 €) a été émis pour Boîte à outils. Ouvrir l’avoir n° 2',
      'Nouveau 16 novembre 2026 — La facture n° 1 (24,00 €) a été émise pour Boîte à outils. Ouvrir la facture n° 1',
    ])
    expect(shown.map((n) => n.href)).toEqual((await documentUrls(sub.id)).reverse())
  })
})

describe('notifications of the lifecycle', () => {
  it('names the date a renewal was due when it failed, in English and French', async () => {
    clock.set('2026-11-16T10:00:00Z')
    const en = await aPurchaser('en', declining())
    const fr = await aPurchaser('fr', declining())
    const subs = []
    for (const b of [en, fr])
      subs.push(
        await aSubscription(database.db, {
          orgId: org.id,
          purchaserId: b.user.id,
          productId: product.id,
          billingProfileId: b.profile.id,
          paymentMethodId: b.card.id,
          at: new Date('2026-10-01T00:00:00Z'),
        }),
      )
    clock.set('2026-11-01T06:00:00Z')
    await runLifecycle(testDeps(database, clock))
    expect(await notificationsOf(en.agent)).toEqual([
      {
        text:
          'New 1 November 2026 — The renewal of Developer Toolkit due on 1 November 2026 failed and the ' +
          'subscription has expired. Replace the card, then reactivate it. Open Developer Toolkit',
        href: `/billing/products/${subs[0]!.id}`,
      },
    ])
    expect((await notificationsOf(fr.agent)).map((n) => n.text)).toEqual([
      'Nouveau 1 novembre 2026 — Le renouvellement de Boîte à outils prévu le 1 novembre 2026 a échoué et ' +
        'l’abonnement a expiré. Remplacez la carte, puis réactivez-le. Ouvrir Boîte à outils',
    ])
  })
})

describe('notifications written before they carried their data', () => {
  it('still read sensibly: dates from the old keys or the subscription, never an empty date', async () => {
    clock.set('2026-11-16T10:00:00Z')
    const { user, profile, agent } = await aPurchaser()
    const at = new Date('2026-11-01T00:00:00Z')
    const trial = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      at,
      status: 'trial',
      trialEndsAt: new Date('2026-12-01T00:00:00Z'),
    })
    const otherTrial = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      at,
      status: 'trial',
      trialEndsAt: new Date('2026-12-02T00:00:00Z'),
    })
    const expired = await aSubscription(database.db, { orgId: org.id, purchaserId: user.id, productId: product.id, at })
    const gone = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: user.id,
      productId: product.id,
      at,
      status: 'deleted',
    })
    // A credit note announced as an invoice, as issueInvoice wrote it: only its id and number.
    const [credit] = await database.db
      .insert(invoices)
      .values({
        orgId: org.id,
        billingProfileId: profile.id,
        subscriptionId: expired.id,
        number: 7,
        kind: 'credit_note',
        type: 'cancel',
        issuedAt: at,
        periodStart: at,
        periodEnd: at,
        soldTo: { name: 'x', line1: '', line2: '', city: '', postalCode: '', region: '', country: 'FR' },
        billTo: { name: 'x', line1: '', line2: '', city: '', postalCode: '', region: '', country: 'FR' },
        subtotal: 1000,
        tax: 200,
        total: 1200,
        currency: 'EUR',
        status: 'credited',
      })
      .returning()
    const old = (kind: (typeof notifications.kind.enumValues)[number], subscriptionId: string, data = {}, day = 1) => ({
      orgId: org.id,
      userId: user.id,
      kind,
      subscriptionId,
      data,
      createdAt: new Date(Date.UTC(2026, 10, day)),
      readAt: new Date('2026-11-15T00:00:00Z'),
    })
    await database.db
      .insert(notifications)
      .values([
        old('trial_ending', trial.id, { productCode: 'DEV-TOOLS', trialEndsAt: '2026-12-01T00:00:00.000Z' }, 2),
        old('trial_ending', otherTrial.id, {}, 3),
        old('subscription_expired', expired.id, { productCode: 'DEV-TOOLS', expiredAt: '2026-11-04T00:00:00Z' }, 4),
        old('subscription_expired', expired.id, {}, 5),
        old('renewal_failed', expired.id, { reason: 'card_declined' }, 6),
        old('invoice_issued', expired.id, { invoiceId: credit!.id, number: 7 }, 7),
        old('invoice_issued', expired.id, { number: 3 }, 8),
        old('take_over', gone.id, {}, 9),
      ])
    const shown = await notificationsOf(agent)
    expect(shown.map((n) => n.text)).toEqual([
      '9 November 2026 — An administrator took over your subscription to Developer Toolkit.',
      '8 November 2026 — An invoice was issued for Developer Toolkit. Open Developer Toolkit',
      '7 November 2026 — Credit note no. 7 (€12.00) was issued for Developer Toolkit. Open credit note no. 7',
      '6 November 2026 — The renewal of Developer Toolkit failed and the subscription has expired. Replace the ' +
        'card, then reactivate it. Open Developer Toolkit',
      '5 November 2026 — Your subscription to Developer Toolkit has expired. Open Developer Toolkit',
      '4 November 2026 — Your subscription to Developer Toolkit expired on 4 November 2026. Open Developer Toolkit',
      '3 November 2026 — Your trial of Developer Toolkit ends on 2 December 2026. Open Developer Toolkit',
      '2 November 2026 — Your trial of Developer Toolkit ends on 1 December 2026. Open Developer Toolkit',
    ])
    // A deleted subscription has no page to open.
    expect(shown[0]!.href).toBeNull()
    expect(shown[7]!.href).toBe(`/billing/products/${trial.id}`)
  })
})
