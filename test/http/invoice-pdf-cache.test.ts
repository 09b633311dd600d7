import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { invoicePdfs } from '../../views/pages/invoices/invoice-pdf-cache'
import { fixedClock } from '../../src/clock'
import type { Database } from '../../src/db/client'
import { billingProfiles } from '../../src/db/schema/index'
import { aBillingProfile, anOrganization, aProduct, aSubscription, aUser, PASSWORD } from '../builders/index'
import { freshDatabase } from '../support/databases'
import { Agent, testApp } from '../support/http'
import { anInvoice } from '../support/invoices'
import { readPdf } from '../support/pdf'

// Download PDF, again (issue 15): a PDF is rendered once per process while its invoice reads the same, served
// with a strong ETag, 304 to a browser that holds it, and still a 404 to anyone but its owner.

let database: Database
let app: ReturnType<typeof testApp>
const w = {} as Record<string, any>
const day = (iso: string) => new Date(`${iso}T09:00:00Z`)

beforeAll(async () => {
  database = await freshDatabase('pglite')
  app = testApp(database, fixedClock('2026-11-25T10:00:00Z'))
  w.org = await anOrganization(database.db)
  w.product = await aProduct(database.db, { nameEn: 'Project Plan 3', nameFr: 'Planificateur 3' })
})
afterAll(() => database.close())

/** A signed-in member of `orgId` with one invoice on their own billing profile. */
async function anOwnerWithAnInvoice(orgId: string = w.org.id) {
  const user = await aUser(database.db, orgId, { displayName: 'Léa Martin' })
  const profile = await aBillingProfile(database.db, user)
  const sub = await aSubscription(database.db, {
    orgId,
    purchaserId: user.id,
    productId: w.product.id,
    billingProfileId: profile.id,
    at: day('2026-11-01'),
  })
  const agent = new Agent(app)
  await agent.signIn(user.email, PASSWORD)
  const on = { orgId, billingProfileId: profile.id, subscriptionId: sub.id, purchaserId: user.id }
  const invoice = await anInvoice(database.db, { ...on, issuedAt: day('2026-11-02') })
  const creditNote = () => anInvoice(database.db, { ...on, kind: 'credit_note', issuedAt: day('2026-11-03') })
  return { profile, agent, invoice, creditNote, url: `/billing/invoices/${invoice.id}/pdf` }
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer())

describe('Download PDF, again', () => {
  it('gives the same bytes a second time without rendering them again', async () => {
    const o = await anOwnerWithAnInvoice()
    const before = invoicePdfs.stats()
    const first = await o.agent.get(o.url)
    const second = await o.agent.get(o.url)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(await bytesOf(second)).toEqual(await bytesOf(first))
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'))
    expect(invoicePdfs.stats().renders - before.renders).toBe(1)
    expect(invoicePdfs.stats().hits - before.hits).toBe(1)
  })

  it('answers a strong ETag, private to the browser, and 304 with no body to the one it gave', async () => {
    const o = await anOwnerWithAnInvoice()
    const first = await o.agent.get(o.url)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/)
    expect(first.headers.get('cache-control')).toBe('private, no-cache')
    for (const held of [etag, `W/${etag}`, `"another", ${etag}`, '*']) {
      const again = await o.agent.get(o.url, { 'if-none-match': held })
      expect(again.status).toBe(304)
      expect(again.headers.get('etag')).toBe(etag)
      expect(again.headers.get('cache-control')).toBe('private, no-cache')
      expect(again.headers.get('content-type')).toBeNull()
      expect((await bytesOf(again)).byteLength).toBe(0)
    }
    const stale = await o.agent.get(o.url, { 'if-none-match': '"another"' })
    expect(stale.status).toBe(200)
    expect((await readPdf(await bytesOf(stale))).title).toBe('Invoice 1')
  })

  it('is still a 404 for another organization’s member or a colleague while the cache holds the PDF', async () => {
    const o = await anOwnerWithAnInvoice()
    const owned = await o.agent.get(o.url)
    expect(owned.status).toBe(200)
    const etag = owned.headers.get('etag')!
    const elsewhere = await anOwnerWithAnInvoice((await anOrganization(database.db)).id)
    const colleague = await anOwnerWithAnInvoice()
    const renders = invoicePdfs.stats().renders
    for (const other of [elsewhere, colleague]) {
      expect((await other.agent.get(o.url)).status).toBe(404)
      expect((await other.agent.get(o.url, { 'if-none-match': etag })).status).toBe(404)
    }
    expect(invoicePdfs.stats().renders).toBe(renders)
  })

  it('renders again when what the PDF shows changes: the profile’s name, a credit note, the language', async () => {
    const o = await anOwnerWithAnInvoice()
    const etags = new Set<string>()
    const download = async () => {
      const res = await o.agent.get(o.url)
      etags.add(res.headers.get('etag')!)
      return readPdf(await bytesOf(res))
    }
    await download()
    await database.db.update(billingProfiles).set({ name: 'Ωmega Ltd' }).where(eq(billingProfiles.id, o.profile.id))
    expect((await download()).text).toContain('Ωmega Ltd')
    await o.creditNote()
    expect((await download()).text).toContain('Credit note 2')
    await o.agent.post('/language', { lang: 'fr', next: '/' })
    expect((await download()).title).toBe('Facture 1')
    expect(etags.size).toBe(4)
  })
})
