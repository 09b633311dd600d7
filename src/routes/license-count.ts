import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import {
  ChangeLicensesPage,
  ChangeLicensesPane,
  ChangeSummary,
  type ChangePaneProps,
  planText,
} from '../../views/pages/products/change-licenses'
import { changeLicensesUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { type FormViews, pageOrPart, showForm, shownAgain } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { formatNumber } from '../i18n/format'
import { CHANGE_REFUSAL_MESSAGES, isDecline } from '../i18n/refusals'
import type { Details } from '../services/outcome'
import { MAX_LICENSES } from '../rules'
import { changeLicenses, type ChangeRefusal, previewLicenseChange } from '../services/subscriptions/change-licenses'
import type { SubscriptionDetails } from '../services/subscriptions/get-subscription'
import { changed, ownSubscription, SubscriptionId } from './subscription-page'

/** Buy licenses / Remove licenses (DESIGN §3, §11): a pane with the new total and a live summary
 *  of what Save will do, priced by the service. */
export const licenseCount = signedInRoutes()
type Ctx = Context<SignedInEnv>
type Summary = { text: string; error: boolean }

const ChangeForm: FormViews<ChangePaneProps> = { pane: ChangeLicensesPane, page: ChangeLicensesPage }

const Total = z
  .string()
  .trim()
  .regex(/^\d{1,6}$/)
  .transform(Number)

/** The summary under the field: what the service plans for this total, or why it refuses. */
async function summaryFor(c: Ctx, sub: SubscriptionDetails, raw: string | undefined): Promise<Summary> {
  const total = Total.safeParse(raw ?? String(sub.quantity))
  if (!total.success) return { text: refusalText(c, sub, 'out_of_range'), error: true }
  const out = await previewLicenseChange(c.var.deps, c.var.actor, sub.id, total.data)
  // not_found: the subscription went away since the page loaded; it can no longer change.
  if (!out.ok) {
    const refusal = out.refusal === 'not_found' ? 'not_changeable' : out.refusal
    return { text: refusalText(c, sub, refusal, out.details), error: true }
  }
  return { text: planText(viewContext(c), sub, out.value, c.var.deps.clock.now()), error: false }
}

function refusalText(c: Ctx, sub: SubscriptionDetails, refusal: Exclude<ChangeRefusal, 'not_found'>, d?: Details) {
  return c.var.t(CHANGE_REFUSAL_MESSAGES[refusal], {
    max: formatNumber(Number(d?.max ?? MAX_LICENSES), c.var.locale),
    count: Number(d?.assigned ?? sub.assignedCount),
    unassign: d?.unassign ?? 0,
  })
}

function paneProps(
  c: Ctx,
  sub: SubscriptionDetails,
  total: string,
  summary: Summary,
  errors: FieldError[],
  key: string,
) {
  return {
    ctx: viewContext(c),
    sub,
    total,
    summaryText: summary.text,
    summaryIsError: summary.error,
    errors,
    formKey: key,
  }
}

licenseCount.get('/:id/licenses', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const raw = c.req.query('total')
  const summary = await summaryFor(c, sub, raw)
  const props = paneProps(c, sub, raw ?? String(sub.quantity), summary, [], randomUUID())
  if (raw === undefined) return showForm(c, ChangeForm, props)
  // htmx asks for the live summary of a typed total; without JavaScript the page shows it.
  return pageOrPart(
    c,
    () => ChangeLicensesPage(props),
    () => ({ fragment: ChangeSummary(summary), status: summary.text, code: summary.error ? 422 : 200 }),
  )
})

licenseCount.post('/:id/licenses', async (c) => {
  const sub = await ownSubscription(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody()
  const raw = typeof body.total === 'string' ? body.total.slice(0, 12) : ''
  const formKey =
    typeof body.formKey === 'string' && SubscriptionId.safeParse(body.formKey).success ? body.formKey : randomUUID()
  // The pane again, priced for the typed total: only when it is shown, so Save calls the service once.
  const again = async (errors: FieldError[], code: 200 | 422, key = formKey) =>
    showForm(c, ChangeForm, paneProps(c, sub, raw, await summaryFor(c, sub, raw), errors, key), code)
  const total = Total.safeParse(raw)
  if (!total.success) return again([{ field: 'total', message: refusalText(c, sub, 'out_of_range') }], 422)
  if (body.intent === 'preview') {
    const props = async () => paneProps(c, sub, raw, await summaryFor(c, sub, raw), [], formKey)
    return shownAgain(c, ChangeForm, props, changeLicensesUrl(sub.id, raw))
  }
  const out = await changeLicenses(c.var.deps, c.var.actor, sub.id, total.data, formKey)
  if (out.ok) return changed(c, sub, `licenses_${out.value.plan.kind}`)
  if (out.refusal === 'not_found') return notFound(c)
  // After the gateway said no, or the key was used for another change, a new key: the next Save is a new attempt.
  const retry = isDecline(out.refusal) || out.refusal === 'key_reused'
  const error = { field: 'total', message: refusalText(c, sub, out.refusal, out.details) }
  return again([error], 422, retry ? randomUUID() : formKey)
})
