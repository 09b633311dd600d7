import { eq } from 'drizzle-orm'
import { subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { chargeAndRecord, failedAttempts } from '../charges/charge-and-record'
import { issueInvoice } from '../invoices/issue-invoice'
import { ok, refuse, type Outcome } from '../outcome'
import { ownProfile } from '../billing/own-profile'
import { quoteTerm } from '../../money/quote'
import { loadOwnSubscription } from './load-own-subscription'

/** The first paid term of a trial: its licences at the price fixed when it started. */
export function conversionQuote(
  sub: { unitPrice: number; currency: string; billingFrequency: 'monthly' | 'annual'; quantity: number },
  country: string,
  now: Date,
) {
  return quoteTerm(
    { monthlyPrice: sub.unitPrice, annualPrice: sub.unitPrice, currency: sub.currency },
    { frequency: sub.billingFrequency, quantity: sub.quantity, country, start: now },
  )
}

export type ConvertRefusal = 'not_found' | 'not_a_trial' | 'cancelled' | 'no_payment_method' | DeclineReason

/**
 * "Start paid subscription now": charges the first paid term of a trial with a payment method at
 * the trial's licence count and price, issues a *Convert* invoice, and makes it active. The
 * charge's key is the subscription's, so two clicks charge once. Refuses not_found, not_a_trial,
 * no_payment_method and the gateway's declines (the trial then stays as it was).
 */
export async function convertTrial(
  deps: Deps,
  actor: Actor,
  subscriptionId: string,
): Promise<Outcome<{ subscriptionId: string; invoiceId: string | null }, ConvertRefusal>> {
  const row = await loadOwnSubscription(deps.db, actor, subscriptionId, { lock: false })
  if (!row) return refuse('not_found')
  const { sub, product, card } = row
  if (sub.status !== 'trial')
    return sub.startedAsTrial && sub.status === 'active'
      ? ok({ subscriptionId, invoiceId: null })
      : refuse('not_a_trial')
  // A cancelled trial ends at its end date: it does not become paid, now or later.
  if (sub.cancelledAt) return refuse('cancelled')
  if (!card || !sub.billingProfileId) return refuse('no_payment_method')
  const profile = await ownProfile(deps, actor, sub.billingProfileId)
  if (!profile) return refuse('no_payment_method')

  const now = deps.clock.now()
  const quote = conversionQuote(sub, profile.country, now)
  // One key per attempt: after a decline the next click (perhaps with another card) is a new
  // charge, while two clicks of the same attempt share a key and are charged once.
  const prefix = `convert:${sub.id}:`
  const charge = {
    orgId: actor.orgId,
    subscriptionId: sub.id,
    key: `${prefix}${await failedAttempts(deps, actor.orgId, prefix)}`,
    amount: quote.total,
    currency: quote.currency,
    order: { subscription: sub.id, quantity: sub.quantity, frequency: sub.billingFrequency, card: card.id },
  }
  const result = await chargeAndRecord(deps, charge, card.gatewayToken, async (tx, charged) => {
    const locked = (await loadOwnSubscription(tx, actor, sub.id, { lock: true }))?.sub
    // The lifecycle job converted it meanwhile under its own key, it was cancelled, or its card
    // changed: this charge is one too many and goes back.
    if (locked?.status !== 'trial' || locked.cancelledAt || locked.paymentMethodId !== card.id)
      return { ok: false, giveBack: 'not_a_trial' as const }
    const [after] = await tx
      .update(subscriptions)
      .set({
        status: 'active',
        termStart: now,
        termEnd: quote.periodEnd,
        autoRenew: true,
        statusChangedAt: now,
        updatedAt: now,
      })
      .where(eq(subscriptions.id, sub.id))
      .returning()
    const invoice = await issueInvoice(tx, {
      orgId: actor.orgId,
      purchaserId: actor.id,
      billingProfileId: profile.id,
      subscriptionId: sub.id,
      type: 'convert',
      kind: 'invoice',
      issuedAt: now,
      description: product.nameEn,
      quote,
      card: { brand: card.brand, last4: card.last4 },
      payment: null,
    })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.converted',
      entityType: 'subscription',
      entityId: sub.id,
      before: locked,
      after: { ...after, chargeReference: charged.reference },
      at: now,
    })
    return { ok: true, value: { subscriptionId, invoiceId: invoice.id }, invoiceId: invoice.id, subscriptionId }
  })
  if (result.kind === 'recorded') return ok(result.value)
  // A second click of the same attempt: the trial is paid for already.
  if (result.kind === 'replayed') return ok({ subscriptionId, invoiceId: null })
  // Given back because the trial changed meanwhile: done only if it is now paid (the job converted it).
  if (result.refusal === 'not_a_trial') {
    const current = await loadOwnSubscription(deps.db, actor, subscriptionId, { lock: false })
    if (current?.sub.status === 'active') return ok({ subscriptionId, invoiceId: null })
    return refuse(current?.sub.cancelledAt ? 'cancelled' : 'processing_error')
  }
  const refusal =
    result.refusal === 'spent_key' || result.refusal === 'key_reused' ? 'processing_error' : result.refusal
  await recordAudit(deps.db, {
    orgId: actor.orgId,
    actorId: actor.id,
    action: 'subscription.convert_declined',
    entityType: 'subscription',
    entityId: sub.id,
    after: { decline: refusal, total: quote.total },
    at: now,
  })
  return refuse(refusal)
}
