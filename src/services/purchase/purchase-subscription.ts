import { and, eq } from 'drizzle-orm'
import { licenseAssignments, subscriptions } from '../../db/schema/index'
import type { DeclineReason } from '../../payments/gateway'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { chargeAndRecord } from '../charges/charge-and-record'
import { issueInvoice } from '../invoices/issue-invoice'
import { maxLicensesOf } from '../subscriptions/subscription-rules'
import { ok, refuse, type Outcome } from '../outcome'
import { productOffer } from './catalog'
import { ownProfile } from '../billing/own-profile'
import { paymentSource, savePaymentSource, type PaymentChoice } from './payment-source'
import { quoteTerm, type Frequency } from '../../money/quote'

export type PurchaseInput = {
  productCode: string
  quantity: number
  frequency: Frequency
  billingProfileId: string
  payment: PaymentChoice
  /** The checkout form's key: a second submit of the same form buys nothing more (DESIGN §3). */
  idempotencyKey: string
  /** The total the buyer was shown; when given, nothing is charged unless the order still comes to it. */
  expectedTotal?: number
}

export type PurchaseRefusal =
  | 'not_found'
  | 'guest'
  | 'blocked'
  | 'trials_only'
  | 'quantity_too_high'
  | 'profile_not_found'
  | 'currency_mismatch'
  | 'payment_method_not_found'
  | 'total_changed'
  | 'key_reused'
  | DeclineReason

export type Purchased = { subscriptionId: string; invoiceId: string | null; replayed: boolean }

/**
 * Buys a subscription through the charge path: charges the first term, records subscription,
 * invoice, payment, the purchaser's licence and the audit event in one transaction. Refuses
 * not_found, guest, blocked, trials_only, quantity_too_high, profile_not_found, currency_mismatch,
 * payment_method_not_found, total_changed, key_reused (the form's key was used for another order)
 * and the gateway's declines (nothing is created then). The same order under the same form key
 * again is answered with the first purchase (replayed).
 */
export async function purchaseSubscription(
  deps: Deps,
  actor: Actor,
  input: PurchaseInput,
): Promise<Outcome<Purchased, PurchaseRefusal>> {
  if (actor.kind !== 'member') return refuse('guest')
  const entry = await productOffer(deps, actor, input.productCode)
  if (!entry?.product.selfService) return refuse('not_found')
  const { product, offer } = entry
  if (offer.buyRefusal) return refuse(offer.buyRefusal)
  if (!Number.isInteger(input.quantity) || input.quantity < 1 || input.quantity > maxLicensesOf(product))
    return refuse('quantity_too_high')
  const profile = await ownProfile(deps, actor, input.billingProfileId)
  if (!profile) return refuse('profile_not_found')
  if (profile.currency !== product.currency) return refuse('currency_mismatch')

  const now = deps.clock.now()
  const quote = quoteTerm(product, {
    frequency: input.frequency,
    quantity: input.quantity,
    country: profile.country,
    start: now,
  })
  // The buyer pays the total they saw (an order changed without re-pricing is shown again first).
  if (input.expectedTotal !== undefined && input.expectedTotal !== quote.total) return refuse('total_changed')

  const source = await paymentSource(deps, actor, input.payment, input.idempotencyKey)
  if (typeof source === 'string') return refuse(source)

  const charge = {
    orgId: actor.orgId,
    subscriptionId: null,
    key: `purchase:${actor.orgId}:${actor.id}:${input.idempotencyKey}`,
    amount: quote.total,
    currency: quote.currency,
    order: {
      product: product.id,
      quantity: input.quantity,
      frequency: input.frequency,
      profile: profile.id,
      card: source.describe,
    },
  }
  const result = await chargeAndRecord<Omit<Purchased, 'replayed'>, never>(
    deps,
    charge,
    source.token,
    async (tx, charged) => {
      const paymentMethodId = await savePaymentSource(tx, actor, source, profile, now)
      const [sub] = await tx
        .insert(subscriptions)
        .values({
          orgId: actor.orgId,
          productId: product.id,
          purchaserId: actor.id,
          billingProfileId: profile.id,
          paymentMethodId,
          status: 'active',
          quantity: input.quantity,
          billingFrequency: input.frequency,
          unitPrice: quote.unitPrice,
          currency: quote.currency,
          termStart: now,
          termEnd: quote.periodEnd,
          statusChangedAt: now,
          idempotencyKey: input.idempotencyKey,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
      const invoice = await issueInvoice(tx, {
        orgId: actor.orgId,
        purchaserId: actor.id,
        billingProfileId: profile.id,
        subscriptionId: sub!.id,
        type: 'purchase',
        kind: 'invoice',
        issuedAt: now,
        description: product.nameEn,
        quote,
        card: { brand: source.brand, last4: source.last4 },
      })
      // The purchaser holds one of the licences at once (DESIGN §3).
      await tx.insert(licenseAssignments).values({
        orgId: actor.orgId,
        subscriptionId: sub!.id,
        userId: actor.id,
        assignedBy: actor.id,
        assignedAt: now,
      })
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.id,
        action: 'subscription.purchased',
        entityType: 'subscription',
        entityId: sub!.id,
        after: { ...sub, invoiceId: invoice.id, total: quote.total, chargeReference: charged.reference },
        at: now,
      })
      return {
        ok: true,
        value: { subscriptionId: sub!.id, invoiceId: invoice.id },
        invoiceId: invoice.id,
        subscriptionId: sub!.id,
      }
    },
  )

  if (result.kind === 'recorded') return ok({ ...result.value, replayed: false })
  if (result.kind === 'replayed') {
    const first = await findByKey(deps, actor, input.idempotencyKey)
    if (first) return ok({ subscriptionId: first, invoiceId: null, replayed: true })
    return refuse('processing_error')
  }
  const refusal = result.refusal === 'spent_key' ? 'processing_error' : result.refusal
  if (refusal !== 'key_reused') {
    await recordAudit(deps.db, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'purchase.declined',
      entityType: 'product',
      entityId: product.id,
      after: {
        decline: refusal,
        quantity: input.quantity,
        frequency: input.frequency,
        total: quote.total,
        currency: quote.currency,
        card: { brand: source.brand, last4: source.last4 },
      },
      at: now,
    })
  }
  return refuse(refusal)
}

async function findByKey(deps: Pick<Deps, 'db'>, actor: Actor, key: string): Promise<string | null> {
  const [row] = await deps.db
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.purchaserId, actor.id),
        eq(subscriptions.idempotencyKey, key),
      ),
    )
  return row?.id ?? null
}
