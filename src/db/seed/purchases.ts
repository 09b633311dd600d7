import { sandboxTokenFor } from '../../payments/sandbox-gateway'
import { randomUUID } from 'node:crypto'
import type { AddressSnapshot, billingProfiles, subscriptions } from '../schema/index'
import { purchaserNotifications, subscriptionAudit, type OwnedSubscription } from './activity'
import { productOf, type Catalog, type Product } from './catalog'
import { invoiceRows, type ProfileBilling, type SubscriptionCharge } from './invoices'
import { personOf, type DemoUser, type OrgPeople } from './people'
import type { DemoRows } from './rows'
import type { DemoAddress, PurchaserStory } from './scenario'
import { addDays, subscriptionTimeline, type Timeline } from './timeline'

export type OrgContext = { orgId: string; now: Date; catalog: Catalog; people: OrgPeople; rows: DemoRows }

type SubscriptionRow = typeof subscriptions.$inferInsert
type BillingProfileRow = typeof billingProfiles.$inferInsert
/** The profile row waits for its invoices: its counter must be the next free number. */
type Billing = { profileId: string; cardId: string; profile: BillingProfileRow; invoicing: ProfileBilling }

// Consecutive subscriptions pick their colleagues from different places in the member list,
// so licence holders overlap the way they do in a real organization, without randomness.
const ASSIGNEE_STRIDE = 23

/** One purchaser's billing account, profile and card, subscriptions, licence holders, invoices,
 *  audit trail and notifications. `offset` shifts where the colleagues are taken from. */
export function addPurchaser(ctx: OrgContext, story: PurchaserStory, offset: number): void {
  const purchaser = personOf(ctx.people, story.email)
  const planned = story.subscriptions.map((s) => {
    const product = productOf(ctx.catalog, s.product)
    return { story: s, product, timeline: subscriptionTimeline(s, product, ctx.now) }
  })
  const firstBilled = planned.filter((p) => p.timeline.needsBilling).map((p) => p.timeline.createdAt)
  if (firstBilled.length > 0 && !story.billing) throw new Error(`${story.email} has paid subscriptions but no billing`)
  const billing =
    story.billing && firstBilled.length > 0 ? addBilling(ctx, purchaser, story.billing, earliest(firstBilled)) : null

  const charges: SubscriptionCharge[] = []
  const owned: OwnedSubscription[] = []
  planned.forEach(({ story: s, product, timeline }, i) => {
    const id = randomUUID()
    ctx.rows.subscriptions.push(
      subscriptionRow(ctx, id, product, purchaser, timeline, timeline.needsBilling ? billing : null, source(s)),
    )
    assignLicenses(ctx, id, purchaser, timeline, s.assigned, offset + i * ASSIGNEE_STRIDE)
    ctx.rows.auditEvents.push(...subscriptionAudit(ctx.orgId, purchaser.id, id, timeline.milestones))
    charges.push(...timeline.charges.map((c) => ({ ...c, subscriptionId: id, productName: product.nameEn })))
    owned.push({ id, timeline })
  })

  if (billing) {
    // The profile's counter is the next number its first real invoice will take (§6).
    ctx.rows.billingProfiles.push({
      ...billing.profile,
      nextInvoiceNumber: invoiceRows(billing.invoicing, charges, ctx.rows),
    })
  }
  const lastInvoice = billing
    ? ctx.rows.invoices.findLast((inv) => inv.billingProfileId === billing.profileId && inv.kind === 'invoice')
    : undefined
  ctx.rows.notifications.push(...purchaserNotifications(ctx.orgId, purchaser.id, ctx.now, owned, lastInvoice))
}

const source = (s: PurchaserStory['subscriptions'][number]) => (s.kind === 'paid' && s.source) || 'self_service'

function addBilling(ctx: OrgContext, owner: DemoUser, b: NonNullable<PurchaserStory['billing']>, since: Date): Billing {
  const accountId = randomUUID()
  const cardId = randomUUID()
  const profileId = randomUUID()
  const currency = 'EUR' // the demo catalog's currency
  const address = addressFields(b.address)
  // A minute before the first purchase: the checkout creates them in the same flow (§5).
  const createdAt = new Date(since.getTime() - 60_000)
  const account = {
    id: accountId,
    orgId: ctx.orgId,
    ownerId: owner.id,
    name: b.accountName,
    ...address,
    taxId: b.taxId ?? '',
    createdAt,
  }
  ctx.rows.billingAccounts.push(account)
  ctx.rows.paymentMethods.push({
    id: cardId,
    orgId: ctx.orgId,
    ownerId: owner.id,
    brand: b.card.brand,
    last4: b.card.last4,
    expMonth: b.card.expMonth,
    expYear: ctx.now.getUTCFullYear() + b.card.yearsAhead,
    nameOnCard: owner.displayName,
    ...address,
    gatewayToken: sandboxTokenFor(b.card.gatewayToken),
    createdAt,
  })
  const profile: BillingProfileRow = {
    id: profileId,
    orgId: ctx.orgId,
    billingAccountId: accountId,
    name: b.accountName,
    currency,
    ...address,
    invoiceEmailRecipients: owner.email,
    paymentMethodId: cardId,
    createdAt,
  }
  const snapshot: AddressSnapshot = { name: b.accountName, ...address, ...(b.taxId ? { taxId: b.taxId } : {}) }
  const card = { brand: b.card.brand, last4: b.card.last4 }
  const invoicing = {
    orgId: ctx.orgId,
    billingProfileId: profileId,
    currency,
    soldTo: snapshot,
    billTo: snapshot,
    card,
  }
  return { profileId, cardId, profile, invoicing }
}

function subscriptionRow(
  ctx: OrgContext,
  id: string,
  product: Product,
  purchaser: DemoUser,
  t: Timeline,
  billing: Billing | null,
  source: 'self_service' | 'admin',
): SubscriptionRow {
  const events = [t.statusChangedAt, ...t.milestones.map((m) => m.at), ...t.charges.map((c) => c.issuedAt)]
  return {
    id,
    orgId: ctx.orgId,
    productId: product.id,
    purchaserId: purchaser.id,
    billingProfileId: billing?.profileId ?? null,
    paymentMethodId: billing?.cardId ?? null,
    status: t.status,
    quantity: t.quantity,
    billingFrequency: t.billingFrequency,
    unitPrice: t.unitPrice,
    currency: product.currency,
    source,
    termStart: t.termStart,
    termEnd: t.termEnd,
    autoRenew: t.autoRenew,
    startedAsTrial: t.startedAsTrial,
    trialEndsAt: t.trialEndsAt,
    pendingQuantity: t.pendingQuantity,
    lastQuantityIncreaseAt: t.lastQuantityIncreaseAt,
    statusChangedAt: t.statusChangedAt,
    cancellationReason: t.cancellation?.reason ?? null,
    cancellationFeedback: t.cancellation?.feedback ?? null,
    cancelledAt: t.cancellation?.at ?? null,
    idempotencyKey: randomUUID(),
    createdAt: t.createdAt,
    updatedAt: latest(events.filter((at) => at <= ctx.now)),
  }
}

/** The purchaser holds one licence from the start (§3); colleagues, active members only (§4),
 *  got theirs the next day. Never more holders than licences, now or after a pending removal. */
function assignLicenses(
  ctx: OrgContext,
  subscriptionId: string,
  purchaser: DemoUser,
  t: Timeline,
  count: number,
  offset: number,
): void {
  const colleagues = ctx.people.licensable.filter((u) => u.id !== purchaser.id)
  const limit = Math.min(t.quantity, t.pendingQuantity ?? t.quantity, colleagues.length + 1)
  if (count < 1 || count > limit) throw new Error(`${purchaser.email}: ${count} licence holders, at most ${limit}`)
  if (!ctx.people.licensable.includes(purchaser)) throw new Error(`${purchaser.email} cannot hold a licence`)
  const holders = [
    purchaser,
    ...Array.from({ length: count - 1 }, (_, i) => colleagues[(offset + i) % colleagues.length]!),
  ]
  const nextDay = latest([t.createdAt, earliest([addDays(t.createdAt, 1), ctx.now])])
  const assignedAt = (i: number) => (i === 0 ? t.createdAt : nextDay)
  ctx.rows.licenseAssignments.push(
    ...holders.map((u, i) => ({
      orgId: ctx.orgId,
      subscriptionId,
      userId: u.id,
      assignedBy: purchaser.id,
      assignedAt: assignedAt(i),
    })),
  )
  if (count > 1) {
    ctx.rows.auditEvents.push({
      orgId: ctx.orgId,
      actorId: purchaser.id,
      action: 'licenses.assigned',
      entityType: 'subscription',
      entityId: subscriptionId,
      before: null,
      after: { assigned: count - 1 },
      at: nextDay,
    })
  }
}

function addressFields(a: DemoAddress) {
  return {
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    postalCode: a.postalCode,
    region: a.region ?? '',
    country: a.country,
  }
}

const earliest = (dates: Date[]) => new Date(Math.min(...dates.map((d) => d.getTime())))
const latest = (dates: Date[]) => new Date(Math.max(...dates.map((d) => d.getTime())))
