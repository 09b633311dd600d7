import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { EmptyPane } from '../../views/components/side-pane'
import { ClosedTakeOverPane } from '../../views/pages/admin/self-service-purchase'
import { type TakeOverForm, TakeOverPage, TakeOverPane, type TakeOverProps } from '../../views/pages/admin/take-over'
import { adminPurchaseUrl, SUBSCRIPTION_CHANGED } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { done, type FormViews, invalid, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { formatMoney, formatNumber } from '../i18n/format'
import { TAKE_OVER_REFUSAL_MESSAGES } from '../i18n/refusals'
import { getSelfServicePurchase } from '../services/admin/list-self-service'
import { type TakenOver, type TakeOverRefusal, takeOverSubscription } from '../services/admin/take-over'
import { getTakeOver, type TakeOverView } from '../services/admin/take-over-plan'
import type { Details } from '../services/outcome'

/** Admin → Take over (DESIGN §8): move a self-service subscription's users elsewhere, or cancel it
 *  with a reason. The only admin POST to a member's subscription; anyone but an admin gets 404. */
export const takeOver = signedInRoutes()
type Ctx = Context<SignedInEnv>

const Views: FormViews<TakeOverProps> = { pane: TakeOverPane, page: TakeOverPage }
const Id = z.uuid()
const EMPTY: TakeOverForm = { target: '', reason: '', note: '' }

async function load(c: Ctx): Promise<TakeOverView | null> {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getTakeOver(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

function refused(c: Ctx, view: TakeOverView, form: TakeOverForm, errors: FieldError[]): Response {
  return invalid(c, Views, { ctx: viewContext(c), view, form, errors })
}

/** Where each refusal is shown: beside the field it is about, or at the top for the subscription itself. */
const REFUSAL_FIELDS: Record<Exclude<TakeOverRefusal, 'not_found'>, string> = {
  already_deleted: 'take-over-statement',
  target_unavailable: 'target',
  not_enough_licenses: 'target',
  reason_required: 'reason',
  note_required: 'note',
  note_too_long: 'note',
}

function refusalMessage(c: Ctx, refusal: Exclude<TakeOverRefusal, 'not_found'>, details: Details | undefined) {
  const locale = c.var.locale
  return c.var.t(TAKE_OVER_REFUSAL_MESSAGES[refusal], {
    count: Number(details?.needed ?? details?.max ?? 0),
    free: formatNumber(Number(details?.free ?? 0), locale),
    used: formatNumber(Number(details?.used ?? 0), locale),
  })
}

takeOver.get('/:id/take-over', async (c) => {
  const view = await load(c)
  if (!view) return notFound(c)
  if (view.refusal) {
    const field = REFUSAL_FIELDS[view.refusal]
    return refused(c, view, EMPTY, [{ field, message: refusalMessage(c, view.refusal, undefined) }])
  }
  return showForm(c, Views, { ctx: viewContext(c), view, form: EMPTY, errors: [] })
})

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '')

takeOver.post('/:id/take-over', async (c) => {
  const view = await load(c)
  if (!view) return notFound(c)
  const body = await c.req.parseBody()
  // Kept whole up to the body limit: the count in "it has N" is of what was typed.
  const form: TakeOverForm = {
    target: text(body.target, 40),
    reason: text(body.reason, 40),
    note: text(body.note, 5000),
  }
  const t = c.var.t
  if (body.choice !== 'cancel' && !Id.safeParse(form.target).success)
    return refused(c, view, form, [{ field: 'target', message: t('takeOver.target_required') }])
  const out = await takeOverSubscription(
    c.var.deps,
    c.var.actor,
    view.id,
    body.choice === 'cancel'
      ? { kind: 'cancel', reason: form.reason, note: form.note }
      : { kind: 'move', targetId: form.target },
  )
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    // Shown again as it is now: a refused target may have changed, or the subscription be gone.
    const fresh = (await load(c)) ?? view
    const message = refusalMessage(c, out.refusal, out.details)
    return refused(c, fresh, form, [{ field: REFUSAL_FIELDS[out.refusal], message }])
  }
  const message = doneMessage(c, view, out.value)
  return done(c, {
    redirect: adminPurchaseUrl(view.id),
    flash: message,
    partial: async () => {
      const fresh = await getSelfServicePurchase(c.var.deps, c.var.actor, view.id)
      return {
        fragment: fresh.ok ? ClosedTakeOverPane({ ctx: viewContext(c), purchase: fresh.value }) : EmptyPane(),
        event: SUBSCRIPTION_CHANGED,
        status: message,
      }
    },
  })
})

/** "Project Plan 3 bought by Léa Martin is taken over: 7 users moved …", and the credit when there is one. */
function doneMessage(c: Ctx, view: TakeOverView, out: TakenOver): string {
  const { t, locale } = c.var
  const names = { product: view.productName[locale], purchaser: view.purchaser.displayName }
  const what =
    out.kind === 'move' ? t('takeOver.done.move', { ...names, count: out.moved }) : t('takeOver.done.cancel', names)
  if (!out.credit) return what
  const amount = formatMoney(out.credit.amount, out.credit.currency, locale)
  return `${what} ${t('takeOver.done.credit', { purchaser: names.purchaser, amount })}`
}
