import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import { openDatabase, type Database } from '../../../src/db/client'
import { invoiceLines, invoices } from '../../../src/db/schema/index'
import { getInvoice, invoiceForDelivery } from '../../../src/services/invoices/get-invoice'
import { aBillingProfile, actorOf, anOrganization, aProduct, aSubscription, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshPostgresUrl } from '../../support/databases'
import { testDeps } from '../../support/deps'
import { anInvoice } from '../../support/invoices'

// The invoice's read model (the page, the PDF, the email) in one statement (issue 15): its lines and the
// documents it relates to come as JSON beside the row, and read back as they were stored.

const clock = fixedClock('2026-11-25T10:00:00Z')
const day = (iso: string) => new Date(`${iso}T09:00:00Z`)

describe.each(DATABASE_KINDS)('getInvoice on %s', (kind) => {
  let database: Database
  let drop = async () => {}
  let statements: string[] = []
  const w = {} as Record<string, any>

  beforeAll(async () => {
    const onQuery = (q: string) => void statements.push(q)
    if (kind === 'pglite') database = await openDatabase({ dataDir: 'memory://', onQuery })
    else {
      const url = await freshPostgresUrl()
      drop = url.drop
      database = await openDatabase({ databaseUrl: url.url, dataDir: '', onQuery })
    }
    await database.migrate()
    const org = await anOrganization(database.db)
    const product = await aProduct(database.db, { nameEn: 'Project Plan 3', nameFr: 'Planificateur 3' })
    w.user = await aUser(database.db, org.id)
    const profile = await aBillingProfile(database.db, w.user)
    const sub = await aSubscription(database.db, {
      orgId: org.id,
      purchaserId: w.user.id,
      productId: product.id,
      billingProfileId: profile.id,
      at: day('2026-10-01'),
    })
    const on = { orgId: org.id, billingProfileId: profile.id, subscriptionId: sub.id, purchaserId: w.user.id }
    // A purchase and its credit note, then the renewal and its own: each credit note credits the invoice
    // before it, and an invoice lists the credit notes up to the next invoice only.
    w.purchase = await anInvoice(database.db, { ...on, issuedAt: day('2026-10-01') })
    w.firstCredit = await anInvoice(database.db, { ...on, kind: 'credit_note', issuedAt: day('2026-10-03') })
    w.renewal = await anInvoice(database.db, { ...on, type: 'renew', issuedAt: day('2026-11-01') })
    w.secondCredit = await anInvoice(database.db, { ...on, kind: 'credit_note', issuedAt: day('2026-11-02') })
    w.orgId = org.id
  })
  afterAll(async () => {
    await database.close()
    await drop()
  })

  it('reads an invoice with its lines in order, their dates and amounts as stored, in one statement', async () => {
    await database.db.insert(invoiceLines).values({
      orgId: w.orgId,
      invoiceId: w.renewal.id,
      position: 2,
      description: 'Support « premium »',
      periodStart: new Date('2026-11-01T00:00:00.250Z'),
      periodEnd: new Date('2026-12-01T00:00:00Z'),
      unitPrice: 199,
      quantity: 3,
      amount: 597,
      taxRateBp: 2000,
      tax: 119,
    })
    const stored = await database.db
      .select()
      .from(invoiceLines)
      .where(eq(invoiceLines.invoiceId, w.renewal.id))
      .orderBy(invoiceLines.position)
    statements = []
    const out = await getInvoice(testDeps(database, clock), actorOf(w.user), w.renewal.id)
    expect(statements).toHaveLength(1)
    if (!out.ok) throw new Error('invoice missing')
    expect(out.value.lines).toEqual(
      stored.map((l) => ({
        position: l.position,
        // The product's names when the line's subscription has a product: every line here.
        description: { en: 'Project Plan 3', fr: 'Planificateur 3' },
        periodStart: l.periodStart,
        periodEnd: l.periodEnd,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        amount: l.amount,
        taxRateBp: l.taxRateBp,
        tax: l.tax,
      })),
    )
    expect(out.value.lines.map((l) => l.position)).toEqual([1, 2])
    expect(out.value.lines[1]!.periodStart).toBeInstanceOf(Date)
    expect(out.value.lines[1]!.periodStart.toISOString()).toBe('2026-11-01T00:00:00.250Z')
  })

  it('names each credit note’s invoice and each invoice’s credit notes up to the next invoice', async () => {
    const read = async (id: string) => {
      const out = await getInvoice(testDeps(database, clock), actorOf(w.user), id)
      if (!out.ok) throw new Error('invoice missing')
      return out.value
    }
    const ref = (doc: { id: string; number: number }) => ({ id: doc.id, number: doc.number })
    expect(await read(w.purchase.id)).toMatchObject({ credits: null, creditedBy: [ref(w.firstCredit)] })
    expect(await read(w.renewal.id)).toMatchObject({ credits: null, creditedBy: [ref(w.secondCredit)] })
    expect(await read(w.firstCredit.id)).toMatchObject({ credits: ref(w.purchase), creditedBy: [] })
    const second = await read(w.secondCredit.id)
    expect(second).toMatchObject({ credits: ref(w.renewal), creditedBy: [] })
    expect(second.lines[0]!.amount).toBeLessThan(0)
    expect(await invoiceForDelivery(database.db, w.orgId, w.secondCredit.id)).toEqual(second)
  })

  it('relates a document with no subscription to nothing', async () => {
    await database.db.update(invoices).set({ subscriptionId: null }).where(eq(invoices.id, w.firstCredit.id))
    const out = await getInvoice(testDeps(database, clock), actorOf(w.user), w.firstCredit.id)
    if (!out.ok) throw new Error('credit note missing')
    expect(out.value).toMatchObject({ credits: null, creditedBy: [] })
    expect(out.value.lines[0]!.description).toEqual({ en: 'A product', fr: 'A product' })
  })
})
