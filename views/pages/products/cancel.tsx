import type { CancelPlan } from '../../../src/services/subscriptions/cancel-subscription'
import { CANCELLATION_REASONS } from '../../../src/services/subscriptions/cancel-subscription'
import type { SubscriptionDetails } from '../../../src/services/subscriptions/get-subscription'
import { formatDate, formatMoney } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { RadioGroup } from '../../components/radio-group'
import { SidePane, paneForm } from '../../components/side-pane'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { cancelUrl, subscriptionUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'
import { CANCELLATION_REASON_LABELS } from '../../../src/i18n/labels'
import { MAX_FEEDBACK_LENGTH } from '../../../src/db/schema/subscriptions'

export type CancelProps = {
  ctx: ViewContext
  asPage?: boolean
  sub: SubscriptionDetails
  plan: CancelPlan
  reason: string
  feedback: string
  errors: FieldError[]
}

/** A plain statement of what cancelling does now: when access ends, and what comes back. */
export function cancelStatement(ctx: ViewContext, sub: SubscriptionDetails, plan: CancelPlan): string {
  const { t, locale } = ctx
  if (plan.kind === 'immediate')
    return plan.refund
      ? t('cancel.immediateRefund', { refund: formatMoney(plan.refund.total, plan.refund.currency, locale) })
      : t('cancel.immediate')
  return t(sub.status === 'trial' ? 'cancel.trial' : 'cancel.atTermEnd', { date: formatDate(plan.accessUntil, locale) })
}

/** Cancel subscription (DESIGN §3): the statement first, then the reason (required) and feedback. */
export function CancelPane(p: CancelProps): SafeHtml {
  const { t } = p.ctx
  const url = cancelUrl(p.sub.id)
  const errorOf = (f: string) => p.errors.find((e) => e.field === f)?.message
  const feedbackError = errorOf('feedback')
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('cancel.title')}
      closeHref={subscriptionUrl(p.sub.id)}
      closeLabel={t('cancel.keep')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p class="change-summary">{cancelStatement(p.ctx, p.sub, p.plan)}</p>
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <RadioGroup
          id="reason"
          name="reason"
          legend={t('cancel.reason')}
          value={p.reason}
          error={errorOf('reason')}
          options={CANCELLATION_REASONS.map((r) => ({ value: r, label: t(CANCELLATION_REASON_LABELS[r]) }))}
        />
        <div class={feedbackError ? 'field field--error' : 'field'}>
          <label for="feedback">{t('cancel.feedback')}</label>
          <p class="field__hint" id="feedback-hint">
            {t('cancel.feedbackHint', { count: MAX_FEEDBACK_LENGTH })}
          </p>
          {feedbackError ? (
            <p class="field__error" id="feedback-error">
              {feedbackError}
            </p>
          ) : null}
          <textarea
            id="feedback"
            name="feedback"
            rows="5"
            aria-describedby={feedbackError ? 'feedback-hint feedback-error' : 'feedback-hint'}
            aria-invalid={feedbackError ? 'true' : undefined}
          >
            {p.feedback}
          </textarea>
        </div>
        <button type="submit" class="button button--warning">
          {t('cancel.submit')}
        </button>
      </form>
    </SidePane>
  )
}

export function CancelPage(p: CancelProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('cancel.title'),
    hasErrors: p.errors.length > 0,
    children: CancelPane({ ...p, asPage: true }),
  })
}
