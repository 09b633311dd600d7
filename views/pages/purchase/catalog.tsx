import type { CatalogEntry } from '../../../src/services/purchase/catalog'
import { formatMoney } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { h } from '../../html'
import { Layout } from '../../layout'
import { productName } from './purchase-frame'
import { checkoutUrl, trialUrl } from '../../urls'

/** Purchase services: what this user may buy or try, as cards with their prices and actions. */
export function CatalogPage(p: { ctx: ViewContext; entries: CatalogEntry[] }) {
  const { t, locale } = p.ctx
  const guest = p.ctx.user?.kind === 'guest'
  return Layout({
    ctx: p.ctx,
    title: t('purchase.title'),
    children: (
      <div>
        <h1>{t('purchase.title')}</h1>
        {guest ? (
          <div class="notice">
            <h2>{t('purchase.guestTitle')}</h2>
            <p>{t('purchase.guestBody')}</p>
          </div>
        ) : (
          <div>
            <p>{t('purchase.intro')}</p>
            {p.entries.length === 0 ? <p class="empty">{t('purchase.empty')}</p> : null}
            <ul class="product-cards">
              {p.entries.map(({ product, offer }) => {
                const name = productName(product, locale)
                return (
                  <li class="product-card">
                    <h2>{name}</h2>
                    <p>{locale === 'fr' ? product.descriptionFr : product.descriptionEn}</p>
                    <p class="price">
                      {t('purchase.monthly', { price: formatMoney(product.monthlyPrice, product.currency, locale) })}
                      <br />
                      {t('purchase.annual', { price: formatMoney(product.annualPrice, product.currency, locale) })}
                    </p>
                    {offer.trial === 'with_payment_method' ? <p>{t('purchase.trialWithCard')}</p> : null}
                    {offer.trial === 'without_payment_method' ? <p>{t('purchase.trialWithoutCard')}</p> : null}
                    {!offer.canBuy && offer.trial ? <p class="field__hint">{t('purchase.trialsOnlyNote')}</p> : null}
                    {offer.trialRefusal === 'trial_used' ? <p class="field__hint">{t('purchase.trialUsed')}</p> : null}
                    <p class="actions">
                      {offer.canBuy ? (
                        <a
                          class="button"
                          href={checkoutUrl(product.code)}
                          aria-label={t('purchase.buyProduct', { product: name })}
                        >
                          {t('purchase.buy')}
                        </a>
                      ) : null}{' '}
                      {offer.trial ? (
                        <a
                          class="button button--secondary"
                          href={trialUrl(product.code)}
                          aria-label={t('purchase.startTrialProduct', { product: name })}
                        >
                          {t('purchase.startTrial')}
                        </a>
                      ) : null}
                    </p>
                  </li>
                )
              })}
            </ul>
          </div>
        )}
      </div>
    ),
  })
}
