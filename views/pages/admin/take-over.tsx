import { formatMoney } from '../../../src/i18n/format'
import { TAKE_OVER_REASON_LABELS } from '../../../src/i18n/labels'
import {
  MAX_TAKE_OVER_NOTE,
  TAKE_OVER_REASONS,
  type TakeOverCandidate,
  type TakeOverView,
} from '../../../src/services/admin/take-over-plan'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { RadioGroup } from '../../components/radio-group'
import { paneForm, SidePane } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { adminPurchaseUrl, adminTakeOverUrl } from '../../urls'

export type TakeOverForm = { target: string; reason: string; note: string }

export type TakeOverProps = {
  ctx: ViewContext
  asPage?: boolean
  view: TakeOverView
  form: TakeOverForm
  errors: FieldError[]
}

/** "Bought centrally by Nadia Benali — 25 licences, 6 assigned, 19 free". */
export function candidateText(ctx: ViewContext, c: TakeOverCandidate): string {
  const { t } = ctx
  const who = t(c.source === 'admin' ? 'takeOver.candidate.admin' : 'takeOver.candidate.member', { owner: c.owner })
  const counts = [
    t('takeOver.candidate.licenses', { count: c.quantity }),
    t('takeOver.candidate.assigned', { count: c.assigned }),
    t('takeOver.candidate.free', { count: c.free }),
  ].join(', ')
  return `${who}${c.status === 'trial' ? ` (${t('takeOver.candidate.trial')})` : ''} — ${counts}`
}

/** What taking over does to the purchaser, money included: the plain statement before the choices. */
function Statement(p: { ctx: ViewContext; view: TakeOverView }): SafeHtml {
  const { t, locale } = p.ctx
  const v = p.view
  const purchaser = v.purchaser.displayName
  const money = v.credit
    ? t('takeOver.credit', { purchaser, amount: formatMoney(v.credit.total, v.credit.currency, locale) })
    : t(v.status === 'trial' ? 'takeOver.noCredit.trial' : 'takeOver.noCredit')
  return (
    <div id="take-over-statement">
      <p>{t('takeOver.about', { product: v.productName[locale], purchaser, email: v.purchaser.email })}</p>
      <p class="change-summary">
        {t('takeOver.effect', { purchaser })} {money}
      </p>
    </div>
  )
}

/** Choice 1: the subscriptions that can take every user, as radios; the others, listed with what they lack. */
function MoveForm(p: TakeOverProps & { heading: string }): SafeHtml {
  const { t, locale } = p.ctx
  const v = p.view
  const url = adminTakeOverUrl(v.id)
  const product = v.productName[locale]
  const ready = v.candidates.filter((c) => c.enough)
  const lacking = v.candidates.filter((c) => !c.enough)
  const error = p.errors.find((e) => e.field === 'target')?.message
  return (
    <section aria-labelledby="take-over-move">
      {h(p.heading, { id: 'take-over-move' }, t('takeOver.move.title'))}
      <p>{v.movable > 0 ? t('takeOver.move.needed', { count: v.movable }) : t('takeOver.move.noUsers')}</p>
      {v.candidates.length === 0 ? <p class="empty">{t('takeOver.move.noCandidates', { product })}</p> : null}
      {v.candidates.length > 0 && ready.length === 0 ? (
        <p
          class={error ? 'field__error' : 'empty'}
          id={error ? 'target' : undefined}
          tabindex={error ? '-1' : undefined}
        >
          {error ?? t('takeOver.move.none', { product })}
        </p>
      ) : null}
      {ready.length > 0 ? (
        <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
          <CsrfField ctx={p.ctx} />
          <input type="hidden" name="choice" value="move" />
          <RadioGroup
            id="target"
            name="target"
            legend={t('takeOver.move.target')}
            hint={t('takeOver.move.targetHint')}
            value={p.form.target}
            error={error}
            options={ready.map((c) => ({ value: c.id, label: candidateText(p.ctx, c) }))}
          />
          <button type="submit" class="button button--warning">
            {t('takeOver.move.submit')}
          </button>
        </form>
      ) : null}
      {lacking.length > 0 ? (
        <div>
          <p>{t('takeOver.move.lacking')}</p>
          <ul>
            {lacking.map((c) => (
              <li>
                {candidateText(p.ctx, c)} — {t('takeOver.candidate.needs', { count: c.needed })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  )
}

/** Choice 2: cancel with a reason, and a note the purchaser reads (required for Other). */
function CancelForm(p: TakeOverProps & { heading: string }): SafeHtml {
  const { t } = p.ctx
  const url = adminTakeOverUrl(p.view.id)
  const errorOf = (f: string) => p.errors.find((e) => e.field === f)?.message
  const noteError = errorOf('note')
  return (
    <section aria-labelledby="take-over-cancel">
      {h(p.heading, { id: 'take-over-cancel' }, t('takeOver.cancel.title'))}
      <p>{t('takeOver.cancel.intro')}</p>
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="choice" value="cancel" />
        <RadioGroup
          id="reason"
          name="reason"
          legend={t('takeOver.reason')}
          value={p.form.reason}
          error={errorOf('reason')}
          options={TAKE_OVER_REASONS.map((r) => ({ value: r, label: t(TAKE_OVER_REASON_LABELS[r]) }))}
        />
        <div class={noteError ? 'field field--error' : 'field'}>
          <label for="note">{t('takeOver.note')}</label>
          <p class="field__hint" id="note-hint">
            {t('takeOver.noteHint', { count: MAX_TAKE_OVER_NOTE })}
          </p>
          {noteError ? (
            <p class="field__error" id="note-error">
              {noteError}
            </p>
          ) : null}
          <textarea
            id="note"
            name="note"
            rows="3"
            aria-describedby={noteError ? 'note-hint note-error' : 'note-hint'}
            aria-invalid={noteError ? 'true' : undefined}
          >
            {p.form.note}
          </textarea>
        </div>
        <button type="submit" class="button button--warning">
          {t('takeOver.cancel.submit')}
        </button>
      </form>
    </section>
  )
}

/** Take over (DESIGN §8): what it does, then the two ways — move the users, or cancel with a reason.
 *  A deleted subscription shows only why it cannot be taken over again. */
export function TakeOverPane(p: TakeOverProps): SafeHtml {
  const { t } = p.ctx
  // Below the pane's title: h3 in the dialog (its title is h2), h2 on a page of its own (h1).
  const heading = p.asPage ? 'h2' : 'h3'
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('takeOver.title')}
      closeHref={adminPurchaseUrl(p.view.id)}
      closeLabel={t('change.close')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      {p.view.refusal ? null : (
        <div>
          <Statement ctx={p.ctx} view={p.view} />
          <MoveForm {...p} heading={heading} />
          <CancelForm {...p} heading={heading} />
        </div>
      )}
    </SidePane>
  )
}

export function TakeOverPage(p: TakeOverProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('takeOver.title'),
    hasErrors: p.errors.length > 0,
    children: TakeOverPane({ ...p, asPage: true }),
  })
}
