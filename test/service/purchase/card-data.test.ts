import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import type { Database } from '../../../src/db/client'
import { createLogger } from '../../../src/log'
import { checkCard } from '../../../src/payments/card'
import { SandboxGateway } from '../../../src/payments/sandbox-gateway'
import { purchaseSubscription } from '../../../src/services/purchase/purchase-subscription'
import { startTrial } from '../../../src/services/purchase/start-trial'
import { addPaymentMethod } from '../../../src/services/payment-methods/add-payment-method'
import { editPaymentMethod } from '../../../src/services/payment-methods/edit-payment-method'
import { listPaymentMethods } from '../../../src/services/payment-methods/payment-methods'
import { replacePaymentMethod } from '../../../src/services/payment-methods/replace-payment-method'
import { actorOf, aBillingProfile, aCard, anOrganization, aProduct, aUser } from '../../builders/index'
import { DATABASE_KINDS, freshDatabase } from '../../support/databases'

// DESIGN §5 / rule 7: card numbers and security codes are never stored or logged: not at checkout, nor
// when a card is added, edited (its code checked by the gateway) or put on a billing profile.
const TEST_CARDS = [
  '4242424242424242',
  '4000000000000002',
  '4000000000009995',
  '4000000000000069',
  '4000000000000127',
  '4000000000000119',
  '5555555555554444',
  '378282246310005',
]
const SECURITY_CODE = '731'
const AMEX_CODE = '7319'

describe.each(DATABASE_KINDS)('card data on %s', (kind) => {
  let database: Database
  const logLines: string[] = []

  beforeAll(async () => {
    database = await freshDatabase(kind)
  })
  afterAll(() => database.close())

  it('leaves no full card number and no security code in any table or log line', async () => {
    const clock = fixedClock('2026-11-25T10:00:00Z')
    const deps = {
      db: database.db,
      clock,
      gateway: new SandboxGateway(database.db),
      log: createLogger('debug', (l) => logLines.push(l)),
    }
    const org = await anOrganization(database.db)
    await aProduct(database.db, { code: 'BUY' })
    await aProduct(database.db, { code: 'TRY', trialOffer: 'with_payment_method' })
    for (const number of TEST_CARDS) {
      const buyer = await aUser(database.db, org.id)
      const profile = await aBillingProfile(database.db, buyer)
      const checked = checkCard(aCard(number, { cvc: number.startsWith('3') ? AMEX_CODE : SECURITY_CODE }), clock.now())
      if (!checked.ok) throw new Error(`test card ${number} refused: ${JSON.stringify(checked.problems)}`)
      const payment = { kind: 'new' as const, card: checked.card }
      await purchaseSubscription(deps, actorOf(buyer), {
        productCode: 'BUY',
        quantity: 2,
        frequency: 'monthly',
        billingProfileId: profile.id,
        payment,
        idempotencyKey: randomUUID(),
      })
      await startTrial(deps, actorOf(buyer), {
        productCode: 'TRY',
        idempotencyKey: randomUUID(),
        billing: { billingProfileId: profile.id, frequency: 'monthly', payment },
      })
      // Issue 12: a card added (tokenized, then verified with its code), edited with its code, and a new
      // card put on the profile with Replace.
      const actor = actorOf(buyer)
      const address = { line1: '1 rue de la Paix', line2: '', city: 'Paris', postalCode: '75002', country: 'FR' }
      await addPaymentMethod(deps, actor, { card: checked.card, address }, randomUUID())
      await replacePaymentMethod(deps, actor, profile.id, payment, randomUUID())
      const listed = await listPaymentMethods(deps, actor)
      for (const card of listed.ok ? listed.value : []) {
        const cvc = number.startsWith('3') ? AMEX_CODE : SECURITY_CODE
        await editPaymentMethod(deps, actor, card.id, { expMonth: '1', expYear: '2031', nameOnCard: 'L', address, cvc })
      }
    }

    const tables = rowsOf(
      await database.db.execute(
        sql`select table_name from information_schema.tables
          where table_schema = 'public' and table_type = 'BASE TABLE'`,
      ),
    )
    expect(tables.length).toBeGreaterThan(10)
    let scanned = 0
    for (const { table_name } of tables as { table_name: string }[]) {
      const rows = rowsOf(
        await database.db.execute(sql.raw(`select row_to_json(t)::text as j from "${table_name}" t`)),
      ) as { j: string }[]
      for (const { j } of rows) {
        scanned++
        const digits = j.replace(/[\s-]/g, '')
        for (const number of TEST_CARDS) expect(digits, `${table_name}: ${j}`).not.toContain(number)
        // A security code would be a whole JSON value (or sit in a field named like one); jsonb columns
        // (audit before/after, the gateway's memory) print a space after each colon.
        expect(j, table_name).not.toMatch(new RegExp(`:\\s*"?(${SECURITY_CODE}|${AMEX_CODE})"?\\s*[,}]`))
        expect(j, table_name).not.toMatch(/"[a-z_]*(cvc|cvv|security_code|card_number)[a-z_]*":/i)
      }
    }
    expect(scanned).toBeGreaterThan(50)
    // The flows above ran: cards were added, replaced and edited (the scan saw their rows).
    const actions = rowsOf(
      await database.db.execute(sql`select action, count(*)::int as n from audit_events group by 1`),
    )
    expect(Object.fromEntries(actions.map((a) => [a.action, a.n]))).toMatchObject({
      'payment_method.added': expect.any(Number),
      'payment_method.updated': expect.any(Number),
      'billing_profile.payment_method_replaced': expect.any(Number),
    })
    for (const line of logLines) for (const number of TEST_CARDS) expect(line).not.toContain(number)
  })
})

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? [])
}
