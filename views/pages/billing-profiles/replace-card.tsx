import type { CardSummary } from '../../../src/services/billing/billing-profile'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { NewCardFields, type NewCardValues } from '../../components/new-card-fields'
import { RadioGroup } from '../../components/radio-group'
import { paneForm, SidePane } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { profileUrl, replaceCardUrl } from '../../urls'
import { cardText, expiryText } from '../payment-methods/format'

export type ReplaceCardProps = {
  ctx: ViewContext
  asPage?: boolean
  profileId: string
  /** The card the profile pays with now, if any (not offered again). */
  current: CardSummary | null
  /** The user's other saved cards. */
  cards: CardSummary[]
  formKey: string
  /** "saved:<id>" or "new". */
  choice: string
  values: NewCardValues
  errors: FieldError[]
}

/** Replace (DESIGN §5): another saved card, or a new card typed here; the pane says that the
 *  profile's subscriptions move with it. */
export function ReplaceCardPane(p: ReplaceCardProps): SafeHtml {
  const { t } = p.ctx
  const url = replaceCardUrl(p.profileId)
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  const others = p.cards.filter((c) => c.id !== p.current?.id)
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('replace.title')}
      closeHref={profileUrl(p.profileId)}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p class="change-summary">{t('replace.intro')}</p>
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <input type="hidden" name="idempotencyKey" value={p.formKey} />
        {others.length > 0 ? (
          <RadioGroup
            id="payment"
            name="payment"
            legend={t('replace.choice')}
            value={p.choice}
            error={e.payment}
            options={[
              ...others.map((c) => ({
                value: `saved:${c.id}`,
                label: t('replace.saved', { card: cardText(p.ctx, c), expiry: expiryText(c) }),
              })),
              { value: 'new', label: t('replace.new') },
            ]}
          />
        ) : (
          <input type="hidden" name="payment" value="new" />
        )}
        <fieldset>
          <legend>{t('replace.newLegend')}</legend>
          <NewCardFields ctx={p.ctx} values={p.values} errors={e} />
          <p class="field__hint">{t('replace.newAddress')}</p>
        </fieldset>
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function ReplaceCardPage(p: ReplaceCardProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('replace.title'),
    hasErrors: p.errors.length > 0,
    children: ReplaceCardPane({ ...p, asPage: true }),
  })
}
