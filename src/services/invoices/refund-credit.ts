import { and, desc, eq, sql } from 'drizzle-orm'
import { payments } from '../../db/schema/index'
import { describeError } from '../../log'
import type { Actor, Deps } from '../deps'

/**
 * Pays a credit note back to the cards the subscription was charged on: newest charge first, never
 * more from a charge than is left of it (a gateway refuses a refund larger than its charge), so a
 * credit bigger than the last charge spreads over earlier ones. After the commit (a side effect,
 * STYLE §1): the credit note exists whatever the gateway says; a failed part is recorded as failed
 * for support to follow up, and each part's key makes a retry safe.
 */
export async function refundCredit(
  deps: Deps,
  actor: Pick<Actor, 'orgId'>,
  subscriptionId: string,
  credit: { creditNoteId: string; amount: number; currency: string },
): Promise<void> {
  const refunded = sql<number>`coalesce((select sum(r.amount) from ${payments} r
    where r.refunded_payment_id = ${payments.id} and r.status = 'succeeded'), 0)::int`
  const charges = await deps.db
    .select({ id: payments.id, reference: payments.gatewayReference, amount: payments.amount, refunded })
    .from(payments)
    .where(
      and(
        eq(payments.orgId, actor.orgId),
        eq(payments.subscriptionId, subscriptionId),
        eq(payments.kind, 'charge'),
        eq(payments.status, 'succeeded'),
      ),
    )
    .orderBy(desc(payments.createdAt))
  let left = credit.amount
  const now = deps.clock.now()
  const record = (part: {
    amount: number
    chargeId: string | null
    key: string
    reference: string | null
    failure: string | null
  }) =>
    deps.db
      .insert(payments)
      .values({
        orgId: actor.orgId,
        subscriptionId,
        invoiceId: credit.creditNoteId,
        kind: 'refund',
        status: part.failure ? 'failed' : 'succeeded',
        amount: part.amount,
        currency: credit.currency,
        idempotencyKey: part.key,
        gatewayReference: part.reference,
        failureCode: part.failure,
        refundedPaymentId: part.chargeId,
        createdAt: now,
      })
      .onConflictDoNothing()
  for (const charge of charges) {
    if (left <= 0) break
    const amount = Math.min(left, charge.amount - Number(charge.refunded))
    if (amount <= 0 || !charge.reference) continue
    const key = `refund:${credit.creditNoteId}:${charge.id}`
    let failure: string | null = null
    let reference: string | null = null
    try {
      const out = await deps.gateway.refund({
        chargeReference: charge.reference,
        amount,
        currency: credit.currency,
        idempotencyKey: key,
      })
      if (out.ok) reference = out.value.reference
      else failure = out.decline
    } catch (error) {
      failure = 'gateway_error'
      deps.log.error('refund of a credit note failed', {
        creditNoteId: credit.creditNoteId,
        error: describeError(error),
      })
    }
    await record({ amount, chargeId: charge.id, key, reference, failure })
    if (!failure) left -= amount
  }
  // Nothing (more) to refund against: the remainder is owed, recorded for support.
  if (left > 0)
    await record({
      amount: left,
      chargeId: null,
      key: `refund:${credit.creditNoteId}:unpaid`,
      reference: null,
      failure: 'no_charge_to_refund',
    })
}
