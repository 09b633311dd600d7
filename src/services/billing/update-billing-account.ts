import { and, eq } from 'drizzle-orm'
import { billingAccounts } from '../../db/schema/index'
import { recordAudit } from '../audit/record-audit'
import type { Actor, Deps } from '../deps'
import { ok, refuse, type Outcome } from '../outcome'
import { hasBilling } from './billing-accounts'
import type { AddressInput } from './set-up-billing'

export type AccountInput = { name: string; address: AddressInput; taxId: string }

/** The account's overview as a pane edits it: name, sold-to address and tax id (DESIGN §5), audited with
 *  before and after. Refuses not_found (a guest, another user's or tenant's account). */
export async function updateBillingAccount(
  deps: Deps,
  actor: Actor,
  id: string,
  input: AccountInput,
): Promise<Outcome<{ id: string }, 'not_found'>> {
  if (!hasBilling(actor)) return refuse('not_found')
  return deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(billingAccounts)
      .where(
        and(eq(billingAccounts.orgId, actor.orgId), eq(billingAccounts.id, id), eq(billingAccounts.ownerId, actor.id)),
      )
      .for('update')
    if (!before) return refuse('not_found')
    const [after] = await tx
      .update(billingAccounts)
      .set({ name: input.name, ...input.address, taxId: input.taxId })
      .where(eq(billingAccounts.id, id))
      .returning()
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.id,
      action: 'billing_account.updated',
      entityType: 'billing_account',
      entityId: id,
      before,
      after,
      at: deps.clock.now(),
    })
    return ok({ id })
  })
}
