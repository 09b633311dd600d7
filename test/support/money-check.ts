import { eq } from 'drizzle-orm'
import type { Db } from '../../src/db/client'
import { invoices, payments, sandboxGatewayCalls } from '../../src/db/schema/index'

/**
 * Compares what the sandbox gateway did (charges and refunds under every key, by any instance)
 * with the portal's ledger, and lists every difference. No difference means: each charge the card
 * paid is either recorded as a succeeded payment with its invoice of the same amount, or was
 * refunded in full under its give-back key; each recorded payment was paid at the gateway; no
 * charge intent is left unsettled.
 */
export async function moneyDifferences(db: Db): Promise<string[]> {
  const calls = await db.select().from(sandboxGatewayCalls)
  const answerOk = (r: (typeof calls)[number]) => (r.response as { ok: boolean }).ok
  const charges = new Map(
    calls.filter((c) => c.operation === 'charge' && answerOk(c)).map((c) => [c.key.slice('charge:'.length), c]),
  )
  const refunds = new Map(
    calls.filter((c) => c.operation === 'refund' && answerOk(c)).map((c) => [c.key.slice('refund:'.length), c]),
  )
  const ledger = await db
    .select({ payment: payments, invoiceTotal: invoices.total })
    .from(payments)
    .leftJoin(invoices, eq(invoices.id, payments.invoiceId))
  const byKey = new Map(ledger.map((r) => [r.payment.idempotencyKey, r]))
  const differences: string[] = []

  for (const [key, charge] of charges) {
    const amount = Number(charge.request.amount)
    const row = byKey.get(key)
    const refunded = refunds.get(`refund:${key}`)
    if (!row) differences.push(`${key}: charged ${amount} at the gateway, no payment row`)
    else if (row.payment.status === 'succeeded') {
      if (row.payment.amount !== amount) differences.push(`${key}: charged ${amount}, recorded ${row.payment.amount}`)
      if (row.invoiceTotal !== amount)
        differences.push(`${key}: charged ${amount}, invoiced ${row.invoiceTotal ?? 'nothing'}`)
      if (refunded) differences.push(`${key}: recorded as paid and refunded too`)
    } else if (row.payment.status === 'failed') {
      if (!refunded || Number(refunded.request.amount) !== amount)
        differences.push(`${key}: charged ${amount}, not recorded, not refunded`)
    } else differences.push(`${key}: charged ${amount}, intent still ${row.payment.status}`)
  }
  for (const row of ledger) {
    const p = row.payment
    if (p.kind !== 'charge') continue
    if (p.status === 'succeeded' && !charges.has(p.idempotencyKey))
      differences.push(`${p.idempotencyKey}: recorded as paid, never charged`)
    if (p.status === 'pending' || p.status === 'voiding')
      differences.push(`${p.idempotencyKey}: intent still ${p.status}`)
  }
  return differences
}
