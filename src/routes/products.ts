import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { z } from 'zod'
import { ProductsPage, ProductsResults, productsCountText } from '../../views/pages/products/products'
import { ClosedPane, SubscriptionPage } from '../../views/pages/products/subscription'
import {
  ChangeLicensesPage,
  ChangeLicensesPane,
  ChangeSummary,
  type ChangePaneProps,
  planText,
} from '../../views/pages/products/change-licenses'
import type { FieldError } from '../../views/components/error-summary'
import { formatNumber } from '../i18n/format'
import { changeLicenses, previewLicenseChange } from '../services/subscriptions/change-licenses'
import { MAX_LICENSES } from '../rules'
import type { SubscriptionDetails } from '../services/subscriptions/get-subscription'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { done, type FormViews, invalid, pageOrPart, showForm } from '../http/respond'
import { viewContext } from '../http/view-context'
import { signedInRoutes } from '../http/session'
import type { MessageKey } from '../i18n/index'
import { convertTrial } from '../services/subscriptions/convert-trial'
import { cancelSubscription, previewCancellation } from '../services/subscriptions/cancel-subscription'
import { reactivateSubscription } from '../services/subscriptions/reactivate-subscription'
import { setAutoRenew } from '../services/subscriptions/set-auto-renew'
import { MAX_FEEDBACK_LENGTH } from '../db/schema/subscriptions'
import { CancelPage, CancelPane, type CancelProps } from '../../views/pages/products/cancel'
import { getSubscription } from '../services/subscriptions/get-subscription'
import { LISTED_STATUSES, listYourProducts } from '../services/subscriptions/list-your-products'
import { subscriptionUrl } from '../../views/urls'

export const products = signedInRoutes()
type Ctx = Context<SignedInEnv>
const DECLINE_REASONS = new Set([
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
])

// Unknown filter values fall back to the defaults: a hand-edited URL still shows a page.
const Filter = z.object({
  tab: z.enum(['products', 'trials']).catch('products'),
  scope: z.enum(['self_service', 'all']).catch('self_service'),
  status: z.enum(['any', ...LISTED_STATUSES]).catch('any'),
})

products.get('/', async (c) => {
  const filter = Filter.parse(c.req.query())
  const rows = await listYourProducts(c.var.deps, c.var.actor, filter)
  const ctx = viewContext(c)
  return pageOrPart(
    c,
    () => ProductsPage({ ctx, filter, rows }),
    () => ({ fragment: ProductsResults({ ctx, filter, rows }), status: productsCountText(ctx, rows) }),
  )
})

export const SubscriptionId = z.uuid()

products.get('/:id', async (c) => {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await getSubscription(c.var.deps, c.var.actor, id.data)
  if (!out.ok) return notFound(c)
  return c.html(
    SubscriptionPage({ ctx: viewContext(c), sub: out.value, status: doneMessage(c, out.value, c.req.query('done')) }),
  )
})

function doneMessage(c: Ctx, sub: SubscriptionDetails, done: string | undefined): string | undefined {
  if (done?.startsWith('licenses_')) {
    const kind = done.slice('licenses_'.length)
    if (!['add', 'remove_now', 'schedule', 'withdraw', 'unchanged'].includes(kind)) return undefined
    return c.var.t(`change.done.${kind}` as MessageKey, {
      total: formatNumber(sub.renewalQuantity, c.var.locale),
    })
  }
  const dropped = /^renew_off_dropped_(\d{1,5})$/.exec(done ?? '')
  if (dropped) return c.var.t('autoRenew.done.offDropped', { quantity: formatNumber(Number(dropped[1]), c.var.locale) })
  const key = DONE_MESSAGES[done ?? '']
  return key ? c.var.t(key) : undefined
}

// After POST → redirect → GET, the page says what just happened (in the live region).
const DONE_MESSAGES: Record<string, MessageKey> = {
  purchased: 'done.purchased',
  replayed: 'checkout.replayed',
  trial_started: 'done.trialStarted',
  converted: 'convert.done',
  cancelled_immediate: 'cancel.done.immediate',
  cancelled_at_term_end: 'cancel.done.at_term_end',
  renew_on: 'autoRenew.done.on',
  renew_off: 'autoRenew.done.off',
  reactivated: 'reactivate.done',
}

products.post('/:id/convert', async (c) => {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return notFound(c)
  const out = await convertTrial(c.var.deps, c.var.actor, id.data)
  if (out.ok) return c.redirect(subscriptionUrl(id.data, 'converted'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  const details = await getSubscription(c.var.deps, c.var.actor, id.data)
  if (!details.ok) return notFound(c)
  const key = (DECLINE_REASONS.has(out.refusal) ? `decline.${out.refusal}` : `refusal.${out.refusal}`) as MessageKey
  return c.html(
    SubscriptionPage({
      ctx: viewContext(c),
      sub: details.value,
      errors: [{ field: details.value.conversion ? 'convert' : 'subscription-summary', message: c.var.t(key) }],
    }),
    422,
  )
})

const ChangeForm: FormViews<ChangePaneProps> = { pane: ChangeLicensesPane, page: ChangeLicensesPage }
const CancelForm: FormViews<CancelProps> = { pane: CancelPane, page: CancelPage }

// Buy licenses / Remove licenses (DESIGN §3, §11): a pane with the new total and a live summary.
const Total = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/)
  .transform(Number)

async function ownSubscription(c: Ctx): Promise<SubscriptionDetails | null> {
  const id = SubscriptionId.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getSubscription(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

async function summaryFor(
  c: Ctx,
  sub: SubscriptionDetails,
  raw: string | undefined,
): Promise<{ text: string; error: boolean }> {
  const total = Total.safeParse(raw ?? String(sub.quantity))
  const out = total.success ? await previewLicenseChange(c.var.deps, c.var.actor, sub.id, total.data) : null
  if (!out?.ok)
    return {
      text: changeRefusalText(
        c,
        out && !out.ok ? out.refusal : 'out_of_range',
        out && !out.ok ? out.details : undefined,
        sub,
      ),
      error: true,
    }
  return { text: planText(viewContext(c), sub, out.value, c.var.deps.clock.now()), error: false }
}

function changeRefusalText(
  c: Ctx,
  refusal: string,
  details: Record<string, string | number> | undefined,
  sub: SubscriptionDetails,
): string {
  if (refusal === 'out_of_range')
    return c.var.t('change.out_of_range', { max: formatNumber(Number(details?.max ?? MAX_LICENSES), c.var.locale) })
  if (refusal === 'below_assigned')
    return c.var.t('change.below_assigned', {
      assigned: details?.assigned ?? sub.assignedCount,
      unassign: details?.unassign ?? 0,
    })
  if (DECLINE_REASONS.has(refusal)) return c.var.t(`decline.${refusal}` as MessageKey)
  return c.var.t(`change.${refusal}` as MessageKey)
}

function paneProps(
  c: Ctx,
  sub: SubscriptionDetails,
  total: string,
  summary: { text: string; error: boolean },
  errors: FieldError[],
  formKey?: string,
) {
  return {
    ctx: viewContext(c),
    sub,
    total,
    summaryText: summary.text,
    summaryIsError: summary.error,
    errors,
    formKey: formKey ?? randomUUID(),
  }
}

products.get('/:id/licenses', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const raw = c.req.query('total')
  const summary = await summaryFor(c, sub, raw)
  const props = paneProps(c, sub, raw ?? String(sub.quantity), summary, [])
  if (raw === undefined) return showForm(c, ChangeForm, props)
  // htmx asks for the live summary of a typed total; without JavaScript the page shows it.
  return pageOrPart(
    c,
    () => ChangeLicensesPage(props),
    () => ({ fragment: ChangeSummary(summary), status: summary.text, code: summary.error ? 422 : 200 }),
  )
})

products.get('/:id/close-pane', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  return done(c, {
    redirect: subscriptionUrl(sub.id),
    partial: () => ({ fragment: ClosedPane({ ctx: viewContext(c), sub }) }),
  })
})

products.post('/:id/licenses', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody()
  const raw = typeof body.total === 'string' ? body.total.slice(0, 12) : ''
  const formKey =
    typeof body.formKey === 'string' && SubscriptionId.safeParse(body.formKey).success ? body.formKey : randomUUID()
  const summary = await summaryFor(c, sub, raw)
  const again = (errors: FieldError[], status: 200 | 422, freshKey = false) => {
    // After the gateway said no, a new key: the next Save is a new charge attempt.
    const props = paneProps(c, sub, raw, summary, errors, freshKey ? randomUUID() : formKey)
    return showForm(c, ChangeForm, props, status)
  }
  const total = Total.safeParse(raw)
  if (!total.success)
    return again([{ field: 'total', message: changeRefusalText(c, 'out_of_range', undefined, sub) }], 422)
  if (body.intent === 'preview') return again([], 200)
  const out = await changeLicenses(c.var.deps, c.var.actor, sub.id, total.data, formKey)
  if (!out.ok)
    return out.refusal === 'not_found'
      ? notFound(c)
      : again(
          [{ field: 'total', message: changeRefusalText(c, out.refusal, out.details, sub) }],
          422,
          DECLINE_REASONS.has(out.refusal) || out.refusal === 'key_reused',
        )
  return changed(c, sub, `licenses_${out.value.plan.kind}`)
})

/** After a change in a pane: the details page says what happened, or htmx closes the pane,
 *  refreshes the summary and says it in the live region. */
function changed(c: Ctx, sub: SubscriptionDetails, code: string): Promise<Response> {
  return done(c, {
    redirect: subscriptionUrl(sub.id, code),
    partial: async () => {
      const fresh = (await ownSubscription(c)) ?? sub
      return {
        fragment: ClosedPane({ ctx: viewContext(c), sub: fresh, refresh: true }),
        status: doneMessage(c, fresh, code),
      }
    },
  })
}

// Cancel subscription (DESIGN §3): a pane with the plain statement, reason and feedback.
async function cancelProps(
  c: Ctx,
  sub: SubscriptionDetails,
  form: { reason: string; feedback: string },
  errors: FieldError[],
) {
  const plan = await previewCancellation(c.var.deps, c.var.actor, sub.id)
  return plan.ok
    ? { ctx: viewContext(c), sub, plan: plan.value, reason: form.reason, feedback: form.feedback, errors }
    : plan.refusal
}

function cannotCancel(c: Ctx, sub: SubscriptionDetails, refusal: string, status: 422 = 422): Response {
  return c.html(
    SubscriptionPage({
      ctx: viewContext(c),
      sub,
      errors: [{ field: 'subscription-summary', message: c.var.t(`cancel.${refusal}` as MessageKey) }],
    }),
    status,
  )
}

products.get('/:id/cancel', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const props = await cancelProps(c, sub, { reason: '', feedback: '' }, [])
  if (typeof props === 'string') return props === 'not_found' ? notFound(c) : cannotCancel(c, sub, props)
  return showForm(c, CancelForm, props)
})

products.post('/:id/cancel', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody()
  const form = {
    reason: typeof body.reason === 'string' ? body.reason.slice(0, 40) : '',
    feedback: typeof body.feedback === 'string' ? body.feedback.slice(0, MAX_FEEDBACK_LENGTH * 2) : '',
  }
  const out = await cancelSubscription(c.var.deps, c.var.actor, sub.id, form)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    if (out.refusal === 'already_cancelled' || out.refusal === 'not_cancellable')
      return cannotCancel(c, sub, out.refusal)
    const field = out.refusal === 'reason_required' ? 'reason' : 'feedback'
    const message = c.var.t(`cancel.${out.refusal}` as MessageKey, {
      max: formatNumber(MAX_FEEDBACK_LENGTH, c.var.locale),
      used: formatNumber([...form.feedback.trim()].length, c.var.locale),
    })
    const props = await cancelProps(c, sub, form, [{ field: field === 'reason' ? 'reason' : 'feedback', message }])
    if (typeof props === 'string') return cannotCancel(c, sub, props)
    return invalid(c, CancelForm, props)
  }
  return changed(c, sub, `cancelled_${out.value.kind}`)
})

products.post('/:id/auto-renew', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody()
  const out = await setAutoRenew(c.var.deps, c.var.actor, sub.id, body.on === 'true')
  if (!out.ok)
    return out.refusal === 'not_found'
      ? notFound(c)
      : c.html(
          SubscriptionPage({
            ctx: viewContext(c),
            sub,
            errors: [
              {
                field: sub.canSetAutoRenew ? 'renewal' : 'subscription-summary',
                message: c.var.t('autoRenew.not_active'),
              },
            ],
          }),
          422,
        )
  const dropped = out.value.droppedPendingQuantity
  const done = body.on === 'true' ? 'renew_on' : dropped !== null ? `renew_off_dropped_${dropped}` : 'renew_off'
  return c.redirect(subscriptionUrl(sub.id, done), 303)
})

products.post('/:id/reactivate', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const out = await reactivateSubscription(c.var.deps, c.var.actor, sub.id)
  if (out.ok) return c.redirect(subscriptionUrl(sub.id, 'reactivated'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  const key = (
    DECLINE_REASONS.has(out.refusal)
      ? `decline.${out.refusal}`
      : out.refusal === 'no_payment_method'
        ? 'refusal.no_payment_method'
        : `reactivate.${out.refusal}`
  ) as MessageKey
  return c.html(
    SubscriptionPage({
      ctx: viewContext(c),
      sub,
      errors: [{ field: sub.reactivation ? 'reactivate' : 'subscription-summary', message: c.var.t(key) }],
    }),
    422,
  )
})
