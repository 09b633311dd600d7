import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { ClosedPane, SubscriptionPage } from '../../views/pages/products/subscription'
import { SUBSCRIPTION_CHANGED, subscriptionUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { done } from '../http/respond'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import type { MessageKey } from '../i18n/index'
import { CHANGE_DONE_MESSAGES } from '../i18n/refusals'
import { getSubscription, type SubscriptionDetails } from '../services/subscriptions/get-subscription'

// What the subscription details page (/billing/products/:id) and the panes and buttons on it
// share: finding the user's own subscription, saying what just happened, and the two answers.

type Ctx = Context<SignedInEnv>

export const SubscriptionId = z.uuid()

/** The :id subscription when it is the user's own; null for anything else (another tenant's looks missing). */
export async function ownSubscription(c: Ctx): Promise<SubscriptionDetails | null> {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getSubscription(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

// After POST → redirect → GET, the page says what just happened (in the live region): the
// redirect carries a fixed code, never words, and unknown codes say nothing.
const DONE_MESSAGES = new Map<string, MessageKey>([
  ['purchased', 'done.purchased'],
  ['replayed', 'checkout.replayed'],
  ['trial_started', 'done.trialStarted'],
  ['converted', 'convert.done'],
  ['cancelled_immediate', 'cancel.done.immediate'],
  ['cancelled_at_term_end', 'cancel.done.at_term_end'],
  ['renew_on', 'autoRenew.done.on'],
  ['renew_off', 'autoRenew.done.off'],
  ['reactivated', 'reactivate.done'],
  ...Object.entries(CHANGE_DONE_MESSAGES).map(([kind, key]): [string, MessageKey] => [`licenses_${kind}`, key]),
])

export function doneMessage(c: Ctx, sub: SubscriptionDetails, done: string | undefined): string | undefined {
  const dropped = /^renew_off_dropped_(\d{1,5})$/.exec(done ?? '')
  if (dropped) return c.var.t('autoRenew.done.offDropped', { count: Number(dropped[1]) })
  const key = DONE_MESSAGES.get(done ?? '')
  return key ? c.var.t(key, { total: formatNumber(sub.renewalQuantity, c.var.locale) }) : undefined
}

/** After a change: the details page says what happened, or htmx closes the pane, refreshes the
 *  summary and says it in the live region. */
export function changed(c: Ctx, sub: SubscriptionDetails, code: string): Promise<Response> {
  return done(c, {
    redirect: subscriptionUrl(sub.id, code),
    partial: async () => {
      const fresh = (await ownSubscription(c)) ?? sub
      return {
        fragment: ClosedPane({ ctx: viewContext(c), sub: fresh }),
        event: SUBSCRIPTION_CHANGED,
        status: doneMessage(c, fresh, code),
      }
    },
  })
}

/** A refusal of an action on the details page: the page again with the reason in its summary, 422. */
export function refusedOnPage(c: Ctx, sub: SubscriptionDetails, error: FieldError): Response {
  return c.html(SubscriptionPage({ ctx: viewContext(c), sub, errors: [error] }), 422)
}
