import { and, desc, eq } from 'drizzle-orm'
import { payments } from '../../db/schema/index'
import { describeError } from '../../log'
import type { Actor, Deps } from '../deps'

/**
 * Pays a credit note back to the card the subscription was last charged on. After the commit
 * (a side effect, STYLE §1): the credit note exists whatever the gateway says; a failed refund is
 * recorded as failed for support to follow up, and the key makes a retry safe.
 */
export async function refundCredit(deps: Deps, actor: Pick<Actor, 'orgId'>, subscriptionId: string, credit: { creditNoteId: string; amount: number; currency: string }): Promise<void> {
  const [charge] = await deps.db
    .select({ reference: payments.gatewayReference })
    .from(payments)
    .where(and(eq(payments.orgId, actor.orgId), eq(payments.subscriptionId, subscriptionId), eq(payments.kind, 'charge'), eq(payments.status, 'succeeded')))
    .orderBy(desc(payments.createdAt))
    .limit(1)
  const key = `refund:${credit.creditNoteId}`
  let refunded: Awaited<ReturnType<Deps['gateway']['refund']>> | null = null
  try {
    refunded = charge?.reference ? await deps.gateway.refund({ chargeReference: charge.reference, amount: credit.amount, currency: credit.currency, idempotencyKey: key }) : null
  } catch (error) {
    deps.log.error('refund of a credit note failed', { creditNoteId: credit.creditNoteId, error: describeError(error) })
  }
  await deps.db
    .insert(payments)
    .values({
      orgId: actor.orgId,
      subscriptionId,
      invoiceId: credit.creditNoteId,
      kind: 'refund',
      status: refunded?.ok ? 'succeeded' : 'failed',
      amount: credit.amount,
      currency: credit.currency,
      idempotencyKey: key,
      gatewayReference: refunded?.ok ? refunded.value.reference : null,
      failureCode: refunded?.ok ? null : (refunded?.decline ?? 'no_charge_to_refund'),
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing()
}
