import { formatDate } from '../../../src/i18n/format'
import { STATUS_LABELS } from '../../../src/i18n/labels'
import type { SubscriptionChoice } from '../../../src/services/support/file-support-request'
import {
  MAX_SUPPORT_MESSAGE_LENGTH,
  MAX_SUPPORT_SUBJECT_LENGTH,
} from '../../../src/services/support/support-request-form'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { SelectField } from '../../components/select-field'
import { paneForm, SidePane } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { contactSupportUrl, helpUrl } from '../../urls'

export type ContactProps = {
  ctx: ViewContext
  asPage?: boolean
  /** The user's own subscriptions; the choice is offered only when there is one. */
  choices: SubscriptionChoice[]
  subject: string
  message: string
  subscriptionId: string
  errors: FieldError[]
}

/** "Project Plan 3 (Active, from 10 Nov 2026)": two subscriptions of one product stay apart. */
function choiceLabel(ctx: ViewContext, c: SubscriptionChoice): string {
  return ctx.t('contact.subscriptionOption', {
    product: c.productName[ctx.locale],
    status: ctx.t(STATUS_LABELS[c.status]),
    date: formatDate(c.createdAt, ctx.locale),
  })
}

/** Contact support (DESIGN §9): subject, message and, optionally, which of the user's subscriptions. */
export function ContactPane(p: ContactProps): SafeHtml {
  const { t } = p.ctx
  const url = contactSupportUrl()
  const errorOf = (f: string) => p.errors.find((e) => e.field === f)?.message
  const messageError = errorOf('message')
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('contact.title')}
      closeHref={helpUrl()}
      closeLabel={t('layout.close')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p>{t('contact.intro')}</p>
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <TextField
          id="subject"
          name="subject"
          label={t('contact.subject')}
          hint={t('contact.subjectHint', { count: MAX_SUPPORT_SUBJECT_LENGTH })}
          value={p.subject}
          error={errorOf('subject')}
          required
        />
        <div class={messageError ? 'field field--error' : 'field'}>
          <label for="message">{t('contact.message')}</label>
          <p class="field__hint" id="message-hint">
            {t('contact.messageHint', { count: MAX_SUPPORT_MESSAGE_LENGTH })}
          </p>
          {messageError ? (
            <p class="field__error" id="message-error">
              {messageError}
            </p>
          ) : null}
          <textarea
            id="message"
            name="message"
            rows="8"
            required
            aria-describedby={messageError ? 'message-hint message-error' : 'message-hint'}
            aria-invalid={messageError ? 'true' : undefined}
          >
            {p.message}
          </textarea>
        </div>
        {p.choices.length > 0 || errorOf('subscription') ? (
          <SelectField
            id="subscription"
            name="subscription"
            label={t('contact.subscription')}
            value={p.subscriptionId}
            error={errorOf('subscription')}
            options={[
              { value: '', label: t('contact.subscriptionNone') },
              ...p.choices.map((c) => ({ value: c.id, label: choiceLabel(p.ctx, c) })),
            ]}
          />
        ) : null}
        <button type="submit" class="button">
          {t('contact.submit')}
        </button>
      </form>
    </SidePane>
  )
}

export function ContactPage(p: ContactProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('contact.title'),
    hasErrors: p.errors.length > 0,
    children: ContactPane({ ...p, asPage: true }),
  })
}
