import { and, eq } from 'drizzle-orm'
import { users } from '../../db/schema/index'
import type { Locale } from '../../i18n/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'

/** Stores the signed-in user's preferred language. No refusals. */
export async function changeLanguage(deps: Deps, actor: Actor, language: Locale): Promise<void> {
  if (actor.language === language) return
  await deps.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ language })
      .where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.id)))
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'user.language_changed',
      entityType: 'user',
      entityId: actor.id,
      before: { language: actor.language },
      after: { language },
      at: deps.clock.now(),
    })
  })
}
