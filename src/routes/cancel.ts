import type { Context } from 'hono'
import type { FieldError } from '../../views/components/error-summary'
import { PaneRefusal } from '../../views/components/pane-refusal'
import { CancelPage, CancelPane, type CancelProps } from '../../views/pages/products/cancel'
import { SubscriptionPage } from '../../views/pages/products/subscription'
import { subscriptionUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { type FormViews, invalid, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import { CANCEL_REFUSAL_MESSAGES } from '../i18n/refusals'
import {
  cancelSubscription,
  type CancelRefusal,
  previewCancellation,
} from '../services/subscriptions/cancel-subscription'
import type { SubscriptionDetails } from '../services/subscriptions/get-subscription'
import { changed, ownSubscription } from './subscription-page'

/** Cancel subscription (DESIGN §3): a pane with the plain statement of what happens, the reason and feedback. */
export const cancel = signedInRoutes()
type Ctx = Context<SignedInEnv>

const CancelForm: FormViews<CancelProps> = { pane: CancelPane, page: CancelPage }

/** The pane's props with the service's plan, or the refusal when this subscription cannot be cancelled. */
async function cancelProps(
  c: Ctx,
  sub: SubscriptionDetails,
  form: { reason: string; feedback: string },
  errors: FieldError[],
) {
  const plan = await previewCancellation(c.var.deps, c.var.actor, sub.id)
  return plan.ok ? { ctx: viewContext(c), sub, plan: plan.value, ...form, errors } : plan.refusal
}

/** Refused before the form: the details page says why, or with htmx a small dialog does (the pane
 *  may have been opened from Your products, where the details are not on the page). */
function cannotCancel(c: Ctx, sub: SubscriptionDetails, refusal: Exclude<CancelRefusal, 'not_found'>): Response {
  const errors = [{ field: 'subscription-summary', message: c.var.t(CANCEL_REFUSAL_MESSAGES[refusal]) }]
  const ctx = viewContext(c)
  const views: FormViews<null> = {
    pane: () => PaneRefusal({ ctx, title: c.var.t('cancel.title'), closeHref: subscriptionUrl(sub.id), errors }),
    page: () => SubscriptionPage({ ctx, sub, errors }),
  }
  return invalid(c, views, null)
}

cancel.get('/:id/cancel', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const props = await cancelProps(c, sub, { reason: '', feedback: '' }, [])
  if (typeof props === 'string') return props === 'not_found' ? notFound(c) : cannotCancel(c, sub, props)
  return showForm(c, CancelForm, props)
})

cancel.post('/:id/cancel', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody()
  const form = {
    reason: typeof body.reason === 'string' ? body.reason.slice(0, 40) : '',
    // Kept whole (the body limit bounds it): the count in the message is of what was typed.
    feedback: typeof body.feedback === 'string' ? body.feedback : '',
  }
  const out = await cancelSubscription(c.var.deps, c.var.actor, sub.id, form)
  if (out.ok) return changed(c, sub, `cancelled_${out.value.kind}`)
  if (out.refusal === 'not_found') return notFound(c)
  if (out.refusal === 'already_cancelled' || out.refusal === 'not_cancellable') return cannotCancel(c, sub, out.refusal)
  const message = c.var.t(CANCEL_REFUSAL_MESSAGES[out.refusal], {
    count: Number(out.details?.max),
    used: formatNumber(Number(out.details?.used ?? 0), c.var.locale),
  })
  const field = out.refusal === 'reason_required' ? 'reason' : 'feedback'
  const props = await cancelProps(c, sub, form, [{ field, message }])
  if (typeof props === 'string') return props === 'not_found' ? notFound(c) : cannotCancel(c, sub, props)
  return invalid(c, CancelForm, props)
})
