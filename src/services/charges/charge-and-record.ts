import { createHash } from 'node:crypto'
import { and, eq, inArray, ne, type SQL, sql } from 'drizzle-orm'
import type { Tx } from '../../db/client'
import { payments } from '../../db/schema/index'
import type { DeclineReason, GatewayResult } from '../../payments/gateway'
import { describeError } from '../../log'
import type { Deps } from '../deps'
import { ChargeUnsettledError } from './charge-unsettled'

// THE charge path (issue 9, docs/architecture.md "How a charge is recorded"). Every flow that takes
// money — purchase, trial conversion, added licences, reactivation, renewal — goes through
// chargeAndRecord, in four steps:
//   1. a charge intent (a `pending` payments row holding the key, the amount and a fingerprint of
//      the order) is committed on its own: a key already used for another order is refused here;
//   2. the gateway is called outside any transaction, holding no row lock;
//   3. the result is recorded in the action's own transaction, which re-checks its rules under the
//      row lock; the intent becomes `succeeded` there, with the invoice, or nothing is written;
//   4. a charge that could not be recorded is given back: the intent is claimed (`voiding`), the
//      money refunded, the intent `failed`. If even the claim cannot be written, the intent stays
//      `pending` and the reconciler (reconcile-charges.ts) settles it.
// pending → succeeded and pending → voiding are the only ways out of pending, each a conditional
// update, so a key can never be both recorded and refunded.

export type ChargeOrder = {
  orgId: string
  subscriptionId: string | null
  /** The idempotency key: the form's (prefixed by what it buys) or one that names the term. */
  key: string
  amount: number
  currency: string
  /** What is bought, as plain values (product, quantity, frequency, card…): with the amount, the
   *  intent's fingerprint. */
  order: Record<string, string | number | boolean | null>
}

/** A saved card's token, or the tokenization of a new card, done only once the intent is written. */
export type CardToCharge = string | (() => Promise<GatewayResult<string>>)

/** What the action's recording step answers, inside its transaction and under its row lock. */
export type Recording<T, R extends string> =
  | { ok: true; value: T; invoiceId: string; subscriptionId: string }
  | { ok: false; giveBack: R }

export type ChargeRefusal = DeclineReason | 'key_reused' | 'spent_key'

export type ChargeResult<T, R extends string> =
  | { kind: 'recorded'; value: T }
  /** The same order under the same key was recorded already (a double submit, a rerun). */
  | { kind: 'replayed' }
  | { kind: 'refused'; refusal: ChargeRefusal | R }

type Intent = { id: string; key: string; amount: number; currency: string }

/** An intent left pending this long has lost its request (a crash, an outage): the reconciler settles it. */
export const SETTLE_AFTER_MS = 5 * 60_000
/** A pending intent this old is not charged again by a retry: it is the reconciler's. */
const REUSE_PENDING_MS = SETTLE_AFTER_MS / 2

/** Charges an order once and records it with the action's `record`, or gives the money back. */
export async function chargeAndRecord<T, R extends string>(
  deps: Deps,
  order: ChargeOrder,
  card: CardToCharge,
  record: (tx: Tx, charge: { reference: string }) => Promise<Recording<T, R>>,
): Promise<ChargeResult<T, R>> {
  const written = await writeIntent<T, R>(deps, order)
  if ('kind' in written) return written
  const intent = written

  const token = typeof card === 'string' ? ({ ok: true, value: card } as const) : await card()
  if (!token.ok) return closeDeclined(deps, intent, token.decline)
  let charged: Awaited<ReturnType<Deps['gateway']['charge']>>
  try {
    charged = await deps.gateway.charge({
      token: token.value,
      amount: order.amount,
      currency: order.currency,
      idempotencyKey: order.key,
    })
  } catch (error) {
    // No answer: the money may or may not have moved. The intent stays pending for the reconciler.
    deps.log.error('gateway did not answer a charge; the reconciler will settle it', {
      chargeKey: order.key,
      error: describeError(error),
    })
    throw new ChargeUnsettledError(error)
  }
  if (!charged.ok) return closeDeclined(deps, intent, charged.decline)
  const reference = charged.value.reference

  let outcome: { kind: 'recorded'; value: T } | { kind: 'replayed' } | { kind: 'voided' }
  try {
    outcome = await deps.db.transaction(async (tx) => {
      // The intent's lock first: two submits of one form meet here, and the second sees the first's outcome.
      const [row] = await tx
        .select({ status: payments.status })
        .from(payments)
        .where(eq(payments.id, intent.id))
        .for('update')
      if (row?.status === 'succeeded') return { kind: 'replayed' as const }
      if (row?.status !== 'pending') return { kind: 'voided' as const }
      const recorded = await record(tx, { reference })
      // Rolled back, so nothing the recording wrote before refusing stays.
      if (!recorded.ok) throw new GiveBack(recorded.giveBack)
      await tx
        .update(payments)
        .set({
          status: 'succeeded',
          gatewayReference: reference,
          invoiceId: recorded.invoiceId,
          subscriptionId: recorded.subscriptionId,
          settledAt: deps.clock.now(),
        })
        .where(eq(payments.id, intent.id))
      return { kind: 'recorded' as const, value: recorded.value }
    })
  } catch (error) {
    const given = await giveBack(
      deps,
      intent,
      reference,
      error instanceof GiveBack ? error.refusal : describeError(error),
    )
    // The commit went through although its answer was lost (or a racing submit recorded it): paid.
    if (given === 'recorded') return { kind: 'replayed' }
    if (error instanceof GiveBack) return { kind: 'refused', refusal: error.refusal as R }
    throw error
  }
  if (outcome.kind === 'voided') {
    // The reconciler took this intent while we were charging: the money goes back.
    await giveBack(deps, intent, reference, 'settled by the reconciler meanwhile')
    return { kind: 'refused', refusal: 'spent_key' }
  }
  return outcome
}

/** How many earlier intents of a subscription under keys starting with `prefix` failed or are being
 *  given back: the next attempt's number (a give-back the gateway refused must not hold the next
 *  attempt up). A scalar subquery, read with what the charge needs; it counts the subscription's own
 *  intents through its index, so it costs the same however many payments the organization has. */
export function failedAttempts(o: { orgId: string; subscriptionId: string; prefix: string }): SQL<number> {
  const like = `${o.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const where = and(
    eq(payments.orgId, o.orgId),
    eq(payments.subscriptionId, o.subscriptionId),
    inArray(payments.status, ['failed', 'voiding']),
    sql`${payments.idempotencyKey} like ${like}`,
  )
  return sql<number>`(select count(*)::int from ${payments} where ${where})`.mapWith(Number)
}

class GiveBack extends Error {
  constructor(readonly refusal: string) {
    super(`charge given back: ${refusal}`)
  }
}

function fingerprintOf(order: ChargeOrder): string {
  const what = { ...order.order, amount: order.amount, currency: order.currency }
  return createHash('sha256')
    .update(JSON.stringify(Object.entries(what).sort()))
    .digest('hex')
}

/** Step 1: the intent, committed on its own; the pending intent when this call may go on to the gateway. */
async function writeIntent<T, R extends string>(deps: Deps, order: ChargeOrder): Promise<Intent | ChargeResult<T, R>> {
  const fingerprint = fingerprintOf(order)
  const intentColumns = {
    id: payments.id,
    key: payments.idempotencyKey,
    amount: payments.amount,
    currency: payments.currency,
  }
  const [fresh] = await deps.db
    .insert(payments)
    .values({
      orgId: order.orgId,
      subscriptionId: order.subscriptionId,
      kind: 'charge',
      status: 'pending',
      amount: order.amount,
      currency: order.currency,
      idempotencyKey: order.key,
      fingerprint,
      createdAt: deps.clock.now(),
    })
    .onConflictDoNothing({ target: payments.idempotencyKey })
    .returning(intentColumns)
  // Written now: this very order's new intent.
  if (fresh) return fresh
  const [row] = await deps.db
    .select({
      ...intentColumns,
      status: payments.status,
      fingerprint: payments.fingerprint,
      createdAt: payments.createdAt,
    })
    .from(payments)
    .where(eq(payments.idempotencyKey, order.key))
  // NOTE: a gateway replays its answer under a key whatever the amount; a second order under the
  // first one's key must never reach it, or the ledger would record an order the card never paid.
  if (!row || row.fingerprint !== fingerprint) return { kind: 'refused', refusal: 'key_reused' }
  if (row.status === 'succeeded') return { kind: 'replayed' }
  // A declined or given-back key is spent: the form comes back with a new one.
  if (row.status !== 'pending') return { kind: 'refused', refusal: 'spent_key' }
  // Pending: new, or an earlier try of this very order (a double submit in flight, a rerun after a
  // crash): the gateway answers it with the same charge, never a second one. NOTE: not an intent
  // old enough for the reconciler to be settling it: a charge made now could land after the
  // reconciler found nothing and closed it, and then nobody would give it back.
  if (deps.clock.now().getTime() - row.createdAt.getTime() > REUSE_PENDING_MS) {
    throw new ChargeUnsettledError(new Error('an earlier attempt of this order is being settled'))
  }
  return { id: row.id, key: row.key, amount: row.amount, currency: row.currency }
}

/** A decline: nothing was taken and the key is spent. If even that cannot be written, the
 *  reconciler finds the decline at the gateway later; the buyer hears of the decline now. */
async function closeDeclined<T, R extends string>(
  deps: Deps,
  intent: Intent,
  decline: DeclineReason,
): Promise<ChargeResult<T, R>> {
  try {
    await deps.db
      .update(payments)
      .set({ status: 'failed', failureCode: decline, settledAt: deps.clock.now() })
      .where(and(eq(payments.id, intent.id), eq(payments.status, 'pending')))
  } catch (error) {
    deps.log.warn('a declined charge could not be closed; the reconciler will', {
      chargeKey: intent.key,
      error: describeError(error),
    })
  }
  return { kind: 'refused', refusal: decline }
}

/**
 * Step 4, also the reconciler's: gives back a charge that is not recorded. The claim comes first
 * (pending → voiding; a recorded charge is left alone), then the refund under a key derived from
 * the charge's (so giving back twice refunds once), then the intent is closed as failed.
 */
export async function giveBack(
  deps: Deps,
  intent: Intent,
  chargeReference: string,
  why: string,
): Promise<'given_back' | 'recorded'> {
  const fields = { chargeKey: intent.key, chargeReference, amount: intent.amount, currency: intent.currency }
  let claimed: { status: string }[]
  try {
    claimed = await deps.db
      .update(payments)
      .set({
        status: sql`case when ${payments.status} = 'pending'
          then 'voiding'::payment_status else ${payments.status} end`,
      })
      .where(and(eq(payments.id, intent.id), ne(payments.status, 'succeeded')))
      .returning({ status: payments.status })
  } catch (error) {
    deps.log.error('charge taken, not recorded, not yet given back: the reconciler will settle it', {
      ...fields,
      why,
      error: describeError(error),
    })
    throw new ChargeUnsettledError(error)
  }
  if (claimed.length === 0) return 'recorded' // by a racing submit of the same order: the charge is its
  let refund: Awaited<ReturnType<Deps['gateway']['refund']>>
  try {
    refund = await deps.gateway.refund({
      chargeReference,
      amount: intent.amount,
      currency: intent.currency,
      idempotencyKey: `refund:${intent.key}`,
    })
  } catch (error) {
    deps.log.error('charge not recorded and its refund got no answer: the reconciler will retry', {
      ...fields,
      why,
      error: describeError(error),
    })
    throw new ChargeUnsettledError(error)
  }
  if (!refund.ok) {
    deps.log.error('charge not recorded and its refund was refused: refund by hand', {
      ...fields,
      why,
      decline: refund.decline,
    })
    throw new ChargeUnsettledError(new Error(refund.decline))
  }
  deps.log.warn('charge not recorded; given back', { ...fields, refundReference: refund.value.reference, why })
  try {
    await deps.db
      .update(payments)
      .set({
        status: 'failed',
        failureCode: 'refunded_unrecorded',
        gatewayReference: chargeReference,
        refundReference: refund.value.reference,
        settledAt: deps.clock.now(),
      })
      .where(and(eq(payments.id, intent.id), ne(payments.status, 'succeeded')))
  } catch (error) {
    // The money is back; the intent stays voiding and the reconciler closes it (its refund replays).
    deps.log.warn('a given-back charge could not be closed; the reconciler will', {
      ...fields,
      error: describeError(error),
    })
  }
  return 'given_back'
}
