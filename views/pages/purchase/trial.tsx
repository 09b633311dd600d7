import { formatDate, formatMoney } from '../../../src/i18n/format'
import { BillingSetupForm } from '../../components/billing-setup-form'
import { CardFields } from '../../components/card-fields'
import { RadioGroup } from '../../components/radio-group'
import { SelectField } from '../../components/select-field'
import { h } from '../../html'
import { type PaymentFormProps, productName, PurchaseFrame } from './purchase-frame'
import { billingSetupUrl, trialUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

export type TrialProps = PaymentFormProps & {
  withCard: boolean
  endsOn: Date
  frequency: 'monthly' | 'annual'
  profileId: string
}

/** Start a free trial: a plain statement of what happens, then the card only when the trial needs one. */
export function TrialPage(p: TrialProps) {
  const { t, locale } = p.ctx
  const name = productName(p.product, locale)
  const url = trialUrl(p.product.code)
  const date = formatDate(p.endsOn, locale)
  const price = (f: 'monthly' | 'annual') =>
    t(f === 'monthly' ? 'price.perMonth' : 'price.perYear', {
      price: formatMoney(f === 'monthly' ? p.product.monthlyPrice : p.product.annualPrice, p.product.currency, locale),
    })
  return PurchaseFrame({
    ctx: p.ctx,
    title: t('trial.title', { product: name }),
    errors: p.summary,
    children: (
      <div>
        <section aria-labelledby="what-happens">
          <h2 id="what-happens">{t('trial.whatHappens')}</h2>
          <ul>
            <li>{t('trial.endsOn', { date })}</li>
            <li>{t('trial.licenses')}</li>
            <li>{p.withCard ? t('trial.convertsAt', { date, price: price(p.frequency) }) : t('trial.noConversion')}</li>
          </ul>
        </section>
        {p.setup ? (
          <BillingSetupForm
            ctx={p.ctx}
            action={billingSetupUrl(p.product.code, 'trial')}
            values={p.setup.values}
            errors={p.setup.errors}
          />
        ) : (
          <form method="post" action={url} novalidate>
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="idempotencyKey" value={p.idempotencyKey} />
            {p.withCard ? (
              <div>
                <RadioGroup
                  id="frequency"
                  name="frequency"
                  legend={t('checkout.frequency')}
                  value={p.frequency}
                  error={p.errors.frequency}
                  options={[
                    { value: 'monthly', label: price('monthly') },
                    { value: 'annual', label: price('annual') },
                  ]}
                />
                <SelectField
                  id="profile"
                  name="profile"
                  label={t('checkout.profile')}
                  value={p.profileId}
                  error={p.errors.profile}
                  options={p.profiles.map((x) => ({ value: x.id, label: x.name }))}
                />
                <CardFields
                  ctx={p.ctx}
                  cards={p.cards}
                  held={p.held}
                  values={p.card}
                  errors={p.errors}
                  reenter={p.reenter}
                />
              </div>
            ) : null}
            <button type="submit" class="button">
              {t('trial.submit')}
            </button>
          </form>
        )}
      </div>
    ),
  })
}
