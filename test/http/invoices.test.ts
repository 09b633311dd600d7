import { parse } from 'csv-parse/sync'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { billingProfiles } from '../../src/db/schema/index'
import { aBillingProfile, anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, tableRows, testApp, textOf } from '../support/http'
import { anInvoice } from '../support/invoices'
import { readPdf } from '../support/pdf'

// Bills & payments → Invoices (issue 13) through HTTP: ranges as GET parameters, 422 with the error
// summary, keyset pages, the invoice page, Export CSV, and 404 for anything not the user's own.

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>
const HTMX = { 'hx-request': 'true', 'hx-request-type': 'partial' }
const day = (iso: string) => new Date(`${iso}T09:00:00Z`)

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
  w.org = await anOrganization(database.db)
  w.product = await aProduct(database.db, { nameEn: 'Project Plan 3', nameFr: 'Planificateur 3' })
})
afterAll(() => database.close())

/** A member with a billing profile and a subscription on it, signed in; `invoice` issues one on it. */
async function anOwner(o: { name?: string; orgId?: string } = {}) {
  const orgId = o.orgId ?? w.org.id
  const user = await aUser(database.db, orgId, { displayName: 'Léa Martin' })
  const profile = await aBillingProfile(database.db, user)
  if (o.name) await database.db.update(billingProfiles).set({ name: o.name }).where(eq(billingProfiles.id, profile.id))
  const sub = await aSubscription(database.db, {
    orgId,
    purchaserId: user.id,
    productId: w.product.id,
    billingProfileId: profile.id,
    at: day('2026-01-01'),
  })
  const agent = new Agent(app)
  await agent.signIn(user.email, PASSWORD)
  const invoice = (at: string, over: Parameters<typeof anInvoice>[1] extends infer T ? Partial<T> : never = {}) =>
    anInvoice(database.db, {
      orgId,
      billingProfileId: profile.id,
      subscriptionId: sub.id,
      purchaserId: user.id,
      issuedAt: day(at),
      ...over,
    })
  return { user, profile, sub, agent, invoice }
}

describe('the invoices list', () => {
  it('shows the past 3 months by default, then 6 months, then a range given by its dates', async () => {
    const o = await anOwner()
    await o.invoice('2026-10-20')
    await o.invoice('2026-07-01', { type: 'renew' })
    await o.invoice('2026-03-15', { type: 'add_quantity', quantity: 2 })
    const three = await (await o.agent.get('/billing/invoices')).text()
    expect(three).toContain('<a href="/billing/invoices" aria-current="page">Invoices</a>')
    expect(tableRows(three)).toEqual([['Invoice 1', '20 October 2026', 'Léa Martin', 'Purchase', '€120.00', 'Paid']])
    expect(textOf(three)).toContain('Issued in the past 3 months · 1 invoice or credit note')
    const six = await (await o.agent.get('/billing/invoices?range=past6')).text()
    expect(tableRows(six).map((r) => r[0])).toEqual(['Invoice 1', 'Invoice 2'])
    expect(six).toContain('href="/billing/invoices/export.csv?range=past6"')
    const march = await (await o.agent.get('/billing/invoices?range=custom&from=2026-03-01&to=2026-03-31')).text()
    expect(tableRows(march)).toEqual([['Invoice 3', '15 March 2026', 'Léa Martin', 'Add quantity', '€24.00', 'Paid']])
    expect(textOf(march)).toContain('Issued from 1 March 2026 to 31 March 2026')
  })

  it('answers a wrong range with 422 and the error summary linking each field', async () => {
    const o = await anOwner()
    const after = await o.agent.get('/billing/invoices?range=custom&from=2026-05-02&to=2026-05-01')
    expect(after.status).toBe(422)
    const html = await after.text()
    expect(html).toContain('<title>Error: Invoices – Bills &amp; payments – Selfserve</title>')
    expect(html).toContain('<a href="#to">The end date must be the same as or after the start date</a>')
    expect(html).toContain('value="2026-05-02"')
    expect(tableRows(html)).toEqual([])
    const unreal = await o.agent.get('/billing/invoices?range=custom&from=2026-02-30&to=2026-03-31')
    expect(unreal.status).toBe(422)
    expect(await unreal.text()).toContain('<a href="#from">Enter a start date that exists, for example 2026-03-01</a>')
    const long = await o.agent.get('/billing/invoices?range=custom&from=2024-01-01&to=2026-01-01')
    expect(long.status).toBe(422)
    expect(await long.text()).toContain('The date range can be at most 24 months long')
    const csv = await o.agent.get('/billing/invoices/export.csv?range=custom&from=2026-05-02&to=2026-05-01')
    expect(csv.status).toBe(422)
  })

  it('with htmx, answers the results with the count for the live region, and errors beside them', async () => {
    const o = await anOwner()
    await o.invoice('2026-07-01')
    const part = await (await o.agent.get('/billing/invoices?range=past6', HTMX)).text()
    expect(part).not.toContain('<html')
    expect(part).toMatch(/^<div id="invoices-results">/)
    expect(part).toContain('<hx-partial hx-target="#status" hx-swap="innerHTML">1 invoice or credit note</hx-partial>')
    const bad = await o.agent.get('/billing/invoices?range=custom&from=2026-05-02&to=', HTMX)
    expect(bad.status).toBe(422)
    const html = await bad.text()
    expect(html).toContain('<hx-partial hx-target="#invoices-errors" hx-swap="outerHTML">')
    expect(html).toContain('<a href="#to">Enter an end date</a>')
  })

  it('says when a range is empty and offers the wider ranges', async () => {
    const o = await anOwner()
    const html = await (await o.agent.get('/billing/invoices')).text()
    expect(textOf(html)).toContain(
      'You have no invoices from the past 3 months. Look further back: Past 6 months · Past 24 months',
    )
    expect(html).toContain('<a href="/billing/invoices?range=past6">Past 6 months</a>')
    expect(html).toContain('<a href="/billing/invoices?range=custom&amp;from=2024-11-26&amp;to=2026-11-25">')
  })

  it('pages by keyset: 25 newest, then the rest, and back', async () => {
    const o = await anOwner()
    for (let i = 1; i <= 30; i++) await o.invoice(`2026-11-${String(Math.min(i, 24)).padStart(2, '0')}`)
    const first = await (await o.agent.get('/billing/invoices')).text()
    const firstRows = tableRows(first).map((r) => r[0])
    expect(firstRows).toHaveLength(25)
    expect(first).not.toContain('Newer invoices')
    const older = /<a href="([^"]+)">Older invoices<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&')
    const second = await (await o.agent.get(older)).text()
    const secondRows = tableRows(second).map((r) => r[0])
    expect(secondRows).toHaveLength(5)
    expect(new Set([...firstRows, ...secondRows]).size).toBe(30)
    expect(second).not.toContain('Older invoices')
    const newer = /<a href="([^"]+)">Newer invoices<\/a>/.exec(second)![1]!.replaceAll('&amp;', '&')
    expect(tableRows(await (await o.agent.get(newer)).text()).map((r) => r[0])).toEqual(firstRows)
  })

  it('is missing for a guest', async () => {
    const guest = await aUser(database.db, w.org.id, { kind: 'guest' })
    const agent = new Agent(app)
    await agent.signIn(guest.email, PASSWORD)
    expect((await agent.get('/billing/invoices')).status).toBe(404)
    expect((await agent.get('/billing/invoices/export.csv')).status).toBe(404)
  })
})

describe('an invoice page', () => {
  it('shows every field of the invoice, in English and in French', async () => {
    const o = await anOwner()
    const inv = await o.invoice('2026-11-02', { quantity: 3, unitPrice: 2810 })
    const html = await (await o.agent.get(`/billing/invoices/${inv.id}`)).text()
    const text = textOf(html)
    expect(html).toContain('<h1>Invoice 1</h1>')
    for (const line of [
      'Number 1',
      'Date 2 November 2026',
      'Type Purchase',
      'Status Paid',
      'Billing period 2 November 2026 to 2 December 2026',
      'Payment terms Charged to the card on file when issued',
      'Billing profile Léa Martin',
      'Paid by Visa ending in 4242',
      'Sold to Léa Martin 1 rue de la Paix 75002 Paris France',
      'Bill to Léa Martin 1 rue de la Paix 75002 Paris France',
      'Subtotal €84.30',
      'Tax €16.86',
      'Total €101.16',
    ])
      expect(text).toContain(line)
    expect(tableRows(html)).toEqual([
      ['Project Plan 3', '2 November 2026 to 2 December 2026', '€28.10', '3', '€84.30', '20%', '€16.86'],
    ])
    await o.agent.post('/language', { lang: 'fr', next: `/billing/invoices/${inv.id}` })
    const fr = await (await o.agent.get(`/billing/invoices/${inv.id}`)).text()
    expect(fr).toContain('<h1>Facture 1</h1>')
    expect(tableRows(fr)).toEqual([
      ['Planificateur 3', 'du 2 novembre 2026 au 2 décembre 2026', '28,10 €', '3', '84,30 €', '20 %', '16,86 €'],
    ])
    expect(textOf(fr)).toContain('Total 101,16 €')
  })

  it('shows a credit note’s negative total and links the invoice it credits', async () => {
    const o = await anOwner()
    const inv = await o.invoice('2026-11-02')
    const credit = await o.invoice('2026-11-03', { kind: 'credit_note', type: 'cancel' })
    const html = await (await o.agent.get(`/billing/invoices/${credit.id}`)).text()
    expect(html).toContain('<h1>Credit note 2</h1>')
    expect(html).toContain(`<a href="/billing/invoices/${inv.id}">Invoice 1</a>`)
    expect(textOf(html)).toContain('Total -€120.00')
    expect(textOf(html)).toContain('Refunded to Visa ending in 4242')
    const original = await (await o.agent.get(`/billing/invoices/${inv.id}`)).text()
    expect(original).toContain(`<a href="/billing/invoices/${credit.id}">Credit note 2</a>`)
    const list = await (await o.agent.get('/billing/invoices')).text()
    expect(tableRows(list)[0]).toEqual([
      'Credit note 2',
      '3 November 2026',
      'Léa Martin',
      'Cancel',
      '-€120.00',
      'Credited',
    ])
  })

  it('is missing for another user, another tenant, a guest and a made-up id', async () => {
    const o = await anOwner()
    const inv = await o.invoice('2026-11-02')
    const colleague = await anOwner()
    const elsewhere = await anOwner({ orgId: (await anOrganization(database.db)).id })
    const guest = await aUser(database.db, w.org.id, { kind: 'guest' })
    const guestAgent = new Agent(app)
    await guestAgent.signIn(guest.email, PASSWORD)
    for (const agent of [colleague.agent, elsewhere.agent, guestAgent])
      expect((await agent.get(`/billing/invoices/${inv.id}`)).status).toBe(404)
    expect((await o.agent.get('/billing/invoices/not-an-id')).status).toBe(404)
    expect((await new Agent(app).get(`/billing/invoices/${inv.id}`)).status).toBe(303)
  })
})

describe('Export CSV', () => {
  it('streams the range; a name with a comma, a quote, a line break and a leading = is no formula', async () => {
    const name = '=Dupont, "Jo"\nSARL'
    const o = await anOwner({ name })
    await o.invoice('2026-11-02')
    await o.invoice('2026-11-03', { kind: 'credit_note', type: 'cancel' })
    await o.invoice('2026-01-03')
    const res = await o.agent.get('/billing/invoices/export.csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="invoices-past3-2026-11-25.csv"')
    const rows = parse(await res.text(), { bom: true }) as string[][]
    expect(rows).toEqual([
      ['Number', 'Document', 'Date', 'Billing profile', 'Type', 'Subtotal', 'Tax', 'Total', 'Currency', 'Status'],
      ['2', 'Credit note', '2026-11-03', `'${name}`, 'Cancel', '-100.00', '-20.00', '-120.00', 'EUR', 'Credited'],
      ['1', 'Invoice', '2026-11-02', `'${name}`, 'Purchase', '100.00', '20.00', '120.00', 'EUR', 'Paid'],
    ])
    for (const row of rows) for (const cell of row) expect(/^[=+@\t\r]/.test(cell)).toBe(false)
  })
})

describe('Download PDF', () => {
  it('is a tagged PDF in the user’s language with the number, each line and the total as the page shows', async () => {
    const o = await anOwner({ name: 'Zoë Œuvray-Łukasiewicz' })
    const inv = await o.invoice('2026-11-02', { quantity: 1234, unitPrice: 2810 })
    const page = await (await o.agent.get(`/billing/invoices/${inv.id}`)).text()
    expect(page).toContain(`href="/billing/invoices/${inv.id}/pdf"`)
    for (const [lang, title] of [
      ['en', 'Invoice 1'],
      ['fr', 'Facture 1'],
    ] as const) {
      await o.agent.post('/language', { lang, next: '/' })
      const html = await (await o.agent.get(`/billing/invoices/${inv.id}`)).text()
      const res = await o.agent.get(`/billing/invoices/${inv.id}/pdf`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="invoice-1-[0-9a-f]{8}\.pdf"$/)
      const bytes = new Uint8Array(await res.arrayBuffer())
      const pdf = await readPdf(bytes)
      expect(pdf.title).toBe(title)
      expect(pdf.language).toBe(lang === 'fr' ? 'fr-FR' : 'en-GB')
      expect(pdf.marked).toBe(true)
      expect(pdf.roles.slice(0, 3)).toEqual(['Root', 'Document', 'H1'])
      expect(pdf.roles).toEqual(expect.arrayContaining(['H2', 'P', 'Table', 'TR', 'TH', 'TD']))
      const raw = Buffer.from(bytes).toString('latin1')
      expect(raw).toContain('/StructTreeRoot')
      expect(raw).toMatch(/\/MarkInfo \d+ 0 R|\/Marked true/)
      // What the page shows, as a reader of the PDF gets it: the number, each cell of each line, the total.
      const [line] = tableRows(html)
      const total = textOf(/<dt>Total<\/dt><dd>([^<]+)<\/dd>/.exec(html)![1]!)
      for (const shown of [title, ...line!, total, 'Zoë Œuvray-Łukasiewicz']) expect(pdf.text).toContain(shown)
    }
  })

  it('is missing for anyone else', async () => {
    const o = await anOwner()
    const inv = await o.invoice('2026-11-02')
    const colleague = await anOwner()
    expect((await colleague.agent.get(`/billing/invoices/${inv.id}/pdf`)).status).toBe(404)
  })
})
