import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../db/client'
import { billingProfiles, licenseAssignments, products, subscriptions, users } from '../../db/schema/index'
import { quoteRestOfTerm, type Quote } from '../../money/quote'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { availableLicenses } from '../subscriptions/subscription-rules'
import { isAdmin } from './admin-access'

// Take over (DESIGN §8): what the page shows before, and the rules the action checks again under
// its locks. One place decides who may be moved, which subscriptions may receive them and what the
// purchaser gets back, so the page and the action cannot disagree.

/** Why an admin cancels a purchase they take over; `other` needs a note. */
export const TAKE_OVER_REASONS = [
  'managed_centrally',
  'not_approved',
  'security_compliance',
  'duplicate',
  'other',
] as const
export type TakeOverReason = (typeof TAKE_OVER_REASONS)[number]
/** The note that goes with the reason, shown to the purchaser in their notifications. */
export const MAX_TAKE_OVER_NOTE = 500

type Sub = typeof subscriptions.$inferSelect

/** A subscription the users can be moved to. */
export type TakeOverCandidate = {
  id: string
  source: 'self_service' | 'admin'
  /** Who bought it (an admin for one bought centrally). */
  owner: string
  status: 'trial' | 'active'
  quantity: number
  assigned: number
  /** Licences free to assign (a pending reduction counts as the limit, DESIGN §4). */
  free: number
  /** Licences this one needs: the movable users it does not hold already. */
  needed: number
  enough: boolean
  expiresAt: Date
}

export type TakeOverView = {
  id: string
  productName: { en: string; fr: string }
  purchaser: { displayName: string; email: string }
  status: Sub['status']
  source: 'self_service'
  quantity: number
  assigned: number
  /** Users a move takes along: the holders who are active members (DESIGN §4: licences go to no one else). */
  movable: number
  candidates: TakeOverCandidate[]
  /** What the purchaser is credited for the paid time left, or null when nothing is left or paid. */
  credit: Quote | null
  /** Set when it cannot be taken over (again). */
  refusal: 'already_deleted' | null
}

/** A target may receive users while it runs: a trial or an active subscription that is not ending. */
export function isTakeOverTarget(
  t: Pick<Sub, 'status' | 'cancelledAt'>,
): t is typeof t & { status: 'trial' | 'active' } {
  return (t.status === 'trial' || t.status === 'active') && t.cancelledAt === null
}

/**
 * NOTE money: the purchaser paid for the current term with their own card and did not choose to
 * end it, so the organization gives back the unused part, whatever the day: the rest of the term,
 * prorated by day — the same rule as a cancellation's refund (DESIGN §3, quoteRestOfTerm) without
 * its 7-day window, which only stops a purchaser from buying and returning at will. A trial, a
 * term that has ended (expired, or disabled after an immediate cancellation) or a subscription
 * never billed gets nothing.
 */
export function takeOverCredit(sub: Sub, country: string | null, now: Date): Quote | null {
  if (sub.status === 'trial' || sub.status === 'deleted' || !sub.billingProfileId || !country) return null
  if (sub.termEnd <= now || sub.termStart > now) return null
  const quote = quoteRestOfTerm(sub, { quantity: sub.quantity, country, now })
  return quote.total > 0 ? quote : null
}

/** The users of `subscriptionId` a move takes along, with their assignment ids. */
export function movableHolders(db: DbOrTx, orgId: string, subscriptionId: string) {
  return db
    .select({ assignmentId: licenseAssignments.id, userId: licenseAssignments.userId })
    .from(licenseAssignments)
    .innerJoin(users, eq(users.id, licenseAssignments.userId))
    .where(
      and(
        eq(licenseAssignments.orgId, orgId),
        eq(licenseAssignments.subscriptionId, subscriptionId),
        eq(users.kind, 'member'),
        eq(users.status, 'active'),
      ),
    )
}

/** Which of `userIds` already hold a licence of each of `subscriptionIds`: per subscription, how many. */
export async function alreadyHolding(
  db: DbOrTx,
  orgId: string,
  subscriptionIds: string[],
  userIds: string[],
): Promise<Map<string, number>> {
  if (subscriptionIds.length === 0 || userIds.length === 0) return new Map()
  const rows = await db
    .select({ subscriptionId: licenseAssignments.subscriptionId, n: sql<number>`count(*)::int` })
    .from(licenseAssignments)
    .where(
      and(
        eq(licenseAssignments.orgId, orgId),
        inArray(licenseAssignments.subscriptionId, subscriptionIds),
        inArray(licenseAssignments.userId, userIds),
      ),
    )
    .groupBy(licenseAssignments.subscriptionId)
  return new Map(rows.map((r) => [r.subscriptionId, Number(r.n)]))
}

/**
 * Admin → Take over (DESIGN §8): the self-service subscription, the subscriptions its users could
 * move to (same product and organization, running, not itself; those with enough free licences
 * first) and what its purchaser would be credited. Refuses not_found to anyone but an admin, and
 * for another organization's id or a subscription that is not self-service.
 */
export async function getTakeOver(deps: Deps, actor: Actor, id: string): Promise<Outcome<TakeOverView, 'not_found'>> {
  if (!isAdmin(actor)) return refuse('not_found')
  const { db } = deps
  const [row] = await db
    .select({ sub: subscriptions, product: products, purchaser: users, country: billingProfiles.country })
    .from(subscriptions)
    .innerJoin(products, eq(products.id, subscriptions.productId))
    .innerJoin(users, eq(users.id, subscriptions.purchaserId))
    .leftJoin(billingProfiles, eq(billingProfiles.id, subscriptions.billingProfileId))
    .where(
      and(eq(subscriptions.orgId, actor.orgId), eq(subscriptions.id, id), eq(subscriptions.source, 'self_service')),
    )
  if (!row) return refuse('not_found')
  const { sub } = row
  const holders = await movableHolders(db, actor.orgId, id)
  const found =
    sub.status === 'deleted'
      ? []
      : await db
          .select({ sub: subscriptions, owner: users.displayName })
          .from(subscriptions)
          .innerJoin(users, eq(users.id, subscriptions.purchaserId))
          .where(
            and(
              eq(subscriptions.orgId, actor.orgId),
              eq(subscriptions.productId, sub.productId),
              ne(subscriptions.id, id),
              inArray(subscriptions.status, ['trial', 'active']),
              isNull(subscriptions.cancelledAt),
            ),
          )
          .orderBy(desc(subscriptions.source), asc(users.displayName), asc(subscriptions.id))
  const held = await alreadyHolding(
    db,
    actor.orgId,
    found.map((c) => c.sub.id),
    holders.map((h) => h.userId),
  )
  const candidates: TakeOverCandidate[] = []
  for (const c of found) {
    if (!isTakeOverTarget(c.sub)) continue
    const free = availableLicenses({ ...c.sub, assigned: c.sub.assignedCount })
    const needed = holders.length - (held.get(c.sub.id) ?? 0)
    candidates.push({
      id: c.sub.id,
      source: c.sub.source,
      owner: c.owner,
      status: c.sub.status,
      quantity: c.sub.quantity,
      assigned: c.sub.assignedCount,
      free,
      needed,
      enough: needed <= free,
      expiresAt: c.sub.status === 'trial' && c.sub.trialEndsAt ? c.sub.trialEndsAt : c.sub.termEnd,
    })
  }
  // Those that can take everyone first (the admin's own before members'), then the rest.
  candidates.sort((a, b) => Number(b.enough) - Number(a.enough))
  return ok({
    id,
    productName: { en: row.product.nameEn, fr: row.product.nameFr },
    purchaser: { displayName: row.purchaser.displayName, email: row.purchaser.email },
    status: sub.status,
    source: 'self_service',
    quantity: sub.quantity,
    assigned: sub.assignedCount,
    movable: holders.length,
    candidates,
    credit: takeOverCredit(sub, row.country, deps.clock.now()),
    refusal: sub.status === 'deleted' ? 'already_deleted' : null,
  })
}
