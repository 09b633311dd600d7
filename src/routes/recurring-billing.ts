import { subscriptionUrl } from '../../views/urls'
import { notFound } from '../http/errors'
import { signedInRoutes } from '../http/session'
import { CONVERT_REFUSAL_MESSAGES, REACTIVATE_REFUSAL_MESSAGES } from '../i18n/refusals'
import { convertTrial } from '../services/subscriptions/convert-trial'
import { reactivateSubscription } from '../services/subscriptions/reactivate-subscription'
import { setAutoRenew } from '../services/subscriptions/set-auto-renew'
import { ownSubscription, refusedOnPage } from './subscription-page'

/** The buttons on the details page that start or stop paying (DESIGN §3): recurring billing on
 *  or off, Reactivate an expired or disabled subscription, and Start paid subscription for a trial. */
export const recurringBilling = signedInRoutes()

recurringBilling.post('/:id/auto-renew', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const on = (await c.req.parseBody()).on === 'true'
  const out = await setAutoRenew(c.var.deps, c.var.actor, sub.id, on)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const field = sub.canSetAutoRenew ? 'renewal' : 'subscription-summary'
    return refusedOnPage(c, sub, { field, message: c.var.t('autoRenew.not_active') })
  }
  const dropped = out.value.droppedPendingQuantity
  const code = on ? 'renew_on' : dropped !== null ? `renew_off_dropped_${dropped}` : 'renew_off'
  return c.redirect(subscriptionUrl(sub.id, code), 303)
})

recurringBilling.post('/:id/reactivate', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const out = await reactivateSubscription(c.var.deps, c.var.actor, sub.id)
  if (out.ok) return c.redirect(subscriptionUrl(sub.id, 'reactivated'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  const field = sub.reactivation ? 'reactivate' : 'subscription-summary'
  return refusedOnPage(c, sub, { field, message: c.var.t(REACTIVATE_REFUSAL_MESSAGES[out.refusal]) })
})

recurringBilling.post('/:id/convert', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const out = await convertTrial(c.var.deps, c.var.actor, sub.id)
  if (out.ok) return c.redirect(subscriptionUrl(sub.id, 'converted'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  // The page as it is now (the refusal may follow a change made meanwhile).
  const fresh = (await ownSubscription(c)) ?? sub
  const field = fresh.conversion ? 'convert' : 'subscription-summary'
  return refusedOnPage(c, fresh, { field, message: c.var.t(CONVERT_REFUSAL_MESSAGES[out.refusal]) })
})
