import { and, eq } from 'drizzle-orm'
import { licenseAssignments, products, subscriptions } from '../../db/schema/index'
import { DAY_MS } from '../../money/proration'
import { TRIAL_DAYS, TRIAL_LICENSES } from '../../rules'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { productOffer } from './catalog'
import { ownProfile } from '../billing/own-profile'
import { paymentSource, savePaymentSource, type PaymentChoice } from './payment-source'
import type { Frequency } from '../../money/quote'

export type TrialInput = {
  productCode: string
  idempotencyKey: string
  /** Only for a trial with a payment method: where and how it is billed once it converts. */
  billing?: { billingProfileId: string; frequency: Frequency; payment: PaymentChoice }
}

export type TrialRefusal =
  | 'not_found'
  | 'guest'
  | 'blocked'
  | 'no_trial'
  | 'trial_used'
  | 'billing_required'
  | 'profile_not_found'
  | 'currency_mismatch'
  | 'payment_method_not_found'
  | 'processing_error'

/**
 * Starts a 30-day, 25-licence trial, once per product per user; the purchaser gets a licence. A
 * card is asked for (and kept for the conversion) only for a trial with a payment method; it is
 * not charged now. Refuses not_found, guest, blocked, no_trial, trial_used, billing_required,
 * profile_not_found, currency_mismatch, payment_method_not_found, processing_error.
 */
export async function startTrial(
  deps: Deps,
  actor: Actor,
  input: TrialInput,
): Promise<Outcome<{ subscriptionId: string; replayed: boolean }, TrialRefusal>> {
  const replay = await trialOf(deps, actor, input.productCode)
  if (replay?.idempotencyKey === input.idempotencyKey) return ok({ subscriptionId: replay.id, replayed: true })

  if (actor.kind !== 'member') return refuse('guest')
  const entry = await productOffer(deps, actor, input.productCode)
  if (!entry?.product.selfService) return refuse('not_found')
  const { product, offer } = entry
  if (!offer.trial) return refuse(offer.trialRefusal ?? 'blocked')

  const withCard = offer.trial === 'with_payment_method'
  let billing: {
    profile: NonNullable<Awaited<ReturnType<typeof ownProfile>>>
    source: Exclude<Awaited<ReturnType<typeof paymentSource>>, string>
    frequency: Frequency
  } | null = null
  if (withCard) {
    if (!input.billing) return refuse('billing_required')
    const profile = await ownProfile(deps, actor, input.billing.billingProfileId)
    if (!profile) return refuse('profile_not_found')
    if (profile.currency !== product.currency) return refuse('currency_mismatch')
    const source = await paymentSource(deps, actor, input.billing.payment, input.idempotencyKey)
    if (typeof source === 'string') return refuse(source)
    // Tokenized now, outside the transaction: the card is kept, not charged, until the conversion.
    if (!(await source.token()).ok) return refuse('processing_error')
    billing = { profile, source, frequency: input.billing.frequency }
  }

  const now = deps.clock.now()
  const trialEnd = new Date(now.getTime() + TRIAL_DAYS * DAY_MS)
  const frequency = billing?.frequency ?? 'monthly'
  return deps.db.transaction(async (tx) => {
    const [sub] = await tx
      .insert(subscriptions)
      .values({
        orgId: actor.orgId,
        productId: product.id,
        purchaserId: actor.id,
        billingProfileId: billing?.profile.id ?? null,
        status: 'trial',
        quantity: TRIAL_LICENSES,
        billingFrequency: frequency,
        // The price a conversion will charge is fixed when the trial starts.
        unitPrice: frequency === 'monthly' ? product.monthlyPrice : product.annualPrice,
        currency: product.currency,
        termStart: now,
        termEnd: trialEnd,
        startedAsTrial: true,
        trialEndsAt: trialEnd,
        // A card-less trial never renews: it expires at its end (DESIGN §3).
        autoRenew: withCard,
        statusChangedAt: now,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
      })
      // The one-trial-per-product index settles a race between two different forms.
      .onConflictDoNothing()
      .returning()
    if (!sub) {
      const existing = await trialOf({ ...deps, db: tx }, actor, input.productCode)
      return existing?.idempotencyKey === input.idempotencyKey
        ? ok({ subscriptionId: existing.id, replayed: true })
        : refuse('trial_used')
    }
    // The card is saved only once the trial exists: a refused trial keeps no card.
    if (billing) {
      const paymentMethodId = await savePaymentSource(tx, actor, billing.source, billing.profile, now)
      await tx.update(subscriptions).set({ paymentMethodId }).where(eq(subscriptions.id, sub.id))
      sub.paymentMethodId = paymentMethodId
    }
    await tx
      .insert(licenseAssignments)
      .values({ orgId: actor.orgId, subscriptionId: sub.id, userId: actor.id, assignedBy: actor.id, assignedAt: now })
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'subscription.trial_started',
      entityType: 'subscription',
      entityId: sub.id,
      after: sub,
      at: now,
    })
    return ok({ subscriptionId: sub.id, replayed: false })
  })
}

async function trialOf(deps: Pick<Deps, 'db'>, actor: Actor, productCode: string) {
  const [row] = await deps.db
    .select({ id: subscriptions.id, idempotencyKey: subscriptions.idempotencyKey })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.purchaserId, actor.id),
        eq(products.code, productCode),
        eq(subscriptions.startedAsTrial, true),
      ),
    )
  return row ?? null
}
