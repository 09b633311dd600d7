import type { LicensePlan } from '../../../src/services/subscriptions/license-change-plan'
import type { SubscriptionDetails } from '../../../src/services/subscriptions/get-subscription'
import { daysBetween } from '../../../src/money/proration'
import { formatDate, formatMoney, formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { brandName } from '../../components/card-fields'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { SidePane, paneForm } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { changeLicensesUrl, subscriptionUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

export const CHANGE_SUMMARY_ID = 'license-change-summary'

/** The words for a planned change: what is charged, credited or scheduled, and when. */
export function planText(ctx: ViewContext, sub: SubscriptionDetails, plan: LicensePlan, now: Date): string {
  const { t, locale } = ctx
  const money = (n: number) => formatMoney(n, sub.currency, locale)
  switch (plan.kind) {
    case 'add': {
      const card = sub.card
        ? t('details.cardValue', { brand: brandName(t, sub.card.brand), last4: sub.card.last4 })
        : ''
      // Two sentences, each agreeing with its own number: the licences bought, the days charged.
      const charge = t('change.add.charge', {
        count: daysBetween(now, sub.termEnd),
        subtotal: money(plan.quote.subtotal),
        tax: money(plan.quote.tax),
        total: money(plan.quote.total),
        card,
      })
      return `${t('change.add', { count: plan.added })} ${charge}`
    }
    case 'remove_now':
      return t('change.removeNow', { count: plan.removed, total: money(plan.quote.total) })
    case 'schedule':
      return t('change.schedule', {
        to: formatNumber(plan.to, locale),
        count: plan.from,
        date: formatDate(plan.effective, locale),
      })
    case 'withdraw':
      return t('change.withdraw', { count: plan.pending, from: formatNumber(plan.from, locale) })
    case 'unchanged':
      return t('change.unchanged')
  }
}

/** The live summary under the field: replaced by htmx as the total changes. */
export function ChangeSummary(p: { text: string; error?: boolean }): SafeHtml {
  return (
    <div id={CHANGE_SUMMARY_ID} class={p.error ? 'change-summary change-summary--error' : 'change-summary'}>
      <p>{p.text}</p>
    </div>
  )
}

export type ChangePaneProps = {
  ctx: ViewContext
  asPage?: boolean
  sub: SubscriptionDetails
  total: string
  summaryText: string
  summaryIsError: boolean
  errors: FieldError[]
  formKey: string
}

/** "Buy licenses / Remove licenses": one field, the new total, with what it will do before Save. */
export function ChangeLicensesPane(p: ChangePaneProps): SafeHtml {
  const { t, locale } = p.ctx
  const s = p.sub
  const url = changeLicensesUrl(s.id)
  const fieldError = p.errors.find((e) => e.field === 'total')?.message
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('change.title')}
      closeHref={subscriptionUrl(s.id)}
      closeLabel={t('change.close')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p>
        {t('change.current', {
          count: s.quantity,
          assigned: t('change.current.assigned', { count: s.assignedCount }),
        })}
      </p>
      {s.pendingQuantity !== null ? (
        <p>
          {t('change.pending', {
            count: s.pendingQuantity,
            date: formatDate(s.termEnd, locale),
          })}
        </p>
      ) : null}
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="formKey" value={p.formKey} />
        <div
          hx-get={url}
          hx-trigger="input changed delay:400ms from:#total"
          hx-sync="this:replace"
          hx-include="#total"
          hx-target={`#${CHANGE_SUMMARY_ID}`}
          hx-swap="outerHTML"
        >
          <TextField
            id="total"
            name="total"
            type="number"
            inputmode="numeric"
            label={t('change.total')}
            hint={t('change.totalHint')}
            value={p.total}
            error={fieldError}
          />
        </div>
        {h(p.asPage ? 'h2' : 'h3', null, t('change.summaryTitle'))}
        <ChangeSummary text={p.summaryText} error={p.summaryIsError} />
        {/* Money moves only on Save. "Check the change" comes first, so it is the form's default
              button: Enter in the total previews, and changes nothing. */}
        <div class="button-row">
          <button type="submit" class="button button--secondary" name="intent" value="preview" formnovalidate>
            {t('change.preview')}
          </button>
          <button type="submit" class="button">
            {t('change.submit')}
          </button>
        </div>
      </form>
    </SidePane>
  )
}

/** Without JavaScript the pane is a page of its own. */
export function ChangeLicensesPage(p: ChangePaneProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('change.title'),
    hasErrors: p.errors.length > 0,
    children: ChangeLicensesPane({ ...p, asPage: true }),
  })
}
