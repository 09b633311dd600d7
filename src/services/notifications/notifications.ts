import { and, count, desc, eq, isNull } from 'drizzle-orm'
import { notifications, products, subscriptions } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'

export const NOTIFICATIONS_SHOWN = 50

export type NotificationRow = {
  id: string
  kind: (typeof notifications.kind.enumValues)[number]
  subscriptionId: string | null
  productName: { en: string; fr: string } | null
  data: Record<string, string | number>
  createdAt: Date
  unread: boolean
}

/** The signed-in user's newest notifications (DESIGN §9). */
export async function listNotifications(deps: Deps, actor: Actor): Promise<NotificationRow[]> {
  const rows = await deps.db
    .select({ n: notifications, nameEn: products.nameEn, nameFr: products.nameFr })
    .from(notifications)
    .leftJoin(subscriptions, eq(subscriptions.id, notifications.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.id)))
    .orderBy(desc(notifications.createdAt))
    .limit(NOTIFICATIONS_SHOWN)
  return rows.map(({ n, nameEn, nameFr }) => ({
    id: n.id,
    kind: n.kind,
    subscriptionId: n.subscriptionId,
    productName: nameEn && nameFr ? { en: nameEn, fr: nameFr } : null,
    data: n.data,
    createdAt: n.createdAt,
    unread: n.readAt === null,
  }))
}

export async function countUnread(deps: Deps, actor: Actor): Promise<number> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.id), isNull(notifications.readAt)))
  return Number(row?.n ?? 0)
}

/** Marks all the user's notifications read. No refusals; no audit event (it changes no business data). */
export async function markNotificationsRead(deps: Deps, actor: Actor): Promise<void> {
  await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.id), isNull(notifications.readAt)))
}
