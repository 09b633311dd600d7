import { and, asc, eq, ne } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { products, subscriptions, supportRequests } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import type { SubscriptionStatus } from '../subscriptions/list-your-products'
import {
  checkSupportRequest,
  isUuid,
  type SupportRequestInput,
  type SupportRequestProblem,
} from './support-request-form'

export type FileRefusal = SupportRequestProblem | 'unknown_subscription'

/** A subscription the request may be about: one the user bought, not deleted. */
export type SubscriptionChoice = {
  id: string
  productName: { en: string; fr: string }
  status: SubscriptionStatus
  createdAt: Date
}

function ownSubscriptions(db: DbOrTx, actor: Actor, id?: string) {
  return db
    .select({
      id: subscriptions.id,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
      status: subscriptions.status,
      createdAt: subscriptions.createdAt,
    })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .where(
      and(
        eq(subscriptions.orgId, actor.orgId),
        eq(subscriptions.purchaserId, actor.id),
        ne(subscriptions.status, 'deleted'),
        id ? eq(subscriptions.id, id) : undefined,
      ),
    )
    .orderBy(asc(products.nameEn), asc(subscriptions.createdAt))
}

/** The user's own subscriptions, for the form's optional "About a subscription" choice. No refusals. */
export async function supportSubscriptionChoices(deps: Deps, actor: Actor): Promise<SubscriptionChoice[]> {
  const rows = await ownSubscriptions(deps.db, actor)
  return rows.map(({ nameEn, nameFr, ...r }) => ({ ...r, productName: { en: nameEn, fr: nameFr } }))
}

/**
 * Contact support (DESIGN §9): files a support request, open, from the signed-in user (any kind:
 * a guest too), optionally about one of their own subscriptions; audited. Refuses
 * subject_required, subject_too_long, message_required, message_too_long and
 * unknown_subscription (someone else's, another tenant's, a deleted one or no id at all: never stored).
 */
export async function fileSupportRequest(
  deps: Deps,
  actor: Actor,
  input: SupportRequestInput,
): Promise<Outcome<{ id: string }, FileRefusal>> {
  const checked = checkSupportRequest(input)
  const problem = checked.problems[0]
  if (problem) return refuse(problem.problem)
  const subscriptionId = input.subscriptionId || null
  if (subscriptionId && !isUuid(subscriptionId)) return refuse('unknown_subscription')
  const now = deps.clock.now()
  return deps.db.transaction(async (tx) => {
    if (subscriptionId && (await ownSubscriptions(tx, actor, subscriptionId)).length === 0)
      return refuse('unknown_subscription')
    const [row] = await tx
      .insert(supportRequests)
      .values({
        orgId: actor.orgId,
        userId: actor.id,
        subject: checked.subject,
        body: checked.message,
        subscriptionId,
        createdAt: now,
      })
      .returning({ id: supportRequests.id })
    const id = row!.id
    // The message itself stays out of the audit log: it may be long and personal; the request keeps it.
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'support_request.filed',
      entityType: 'support_request',
      entityId: id,
      before: null,
      after: { subject: checked.subject, subscriptionId, status: 'open' },
      at: now,
    })
    return ok({ id })
  })
}
