import { and, eq, isNull } from 'drizzle-orm'
import { notifications } from '../../db/schema/index'
import type { Actor, Deps } from '../deps'

/** Marks all the user's notifications read. No refusals; no audit event (it changes no business data). */
export async function markNotificationsRead(deps: Deps, actor: Actor): Promise<void> {
  await deps.db
    .update(notifications)
    .set({ readAt: deps.clock.now() })
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.id), isNull(notifications.readAt)))
}
