import type { CardUse } from '../../../src/services/payment-methods/payment-methods'
import type { ExpiryStatus } from '../../../src/payments/card'
import { formatList } from '../../../src/i18n/format'
import { brandName } from '../../components/card-fields'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'

type Card = { brand: string; last4: string; expMonth: number; expYear: number }

/** "Visa ending in 4242", as text (messages, the live region, a pane's title). */
export function cardText(ctx: ViewContext, card: { brand: string; last4: string }): string {
  return ctx.t('paymentMethods.cardText', { brand: brandName(ctx.t, card.brand), last4: card.last4 })
}

/** "Visa •••• 4242": the dots are for the eye; a screen reader hears "Visa ending in 4242". */
export function MaskedCard(p: { ctx: ViewContext; card: { brand: string; last4: string } }): SafeHtml {
  const { t } = p.ctx
  return (
    <span class="masked-card">
      {`${brandName(t, p.card.brand)} `}
      <span aria-hidden="true">•••• </span>
      <span class="visually-hidden">{`${t('paymentMethods.endingIn')} `}</span>
      {p.card.last4}
    </span>
  )
}

/** MM/YYYY, as cards print it. */
export function expiryText(card: Card): string {
  return `${String(card.expMonth).padStart(2, '0')}/${card.expYear}`
}

/** "Expires soon" or "Expired" beside the expiry; nothing for a card that is fine. */
export function ExpiryBadge(p: { ctx: ViewContext; expiry: ExpiryStatus }): SafeHtml {
  if (p.expiry === 'valid') return <span></span>
  const { t } = p.ctx
  return p.expiry === 'expired' ? (
    <span class="badge badge--expired">{t('paymentMethods.expired')}</span>
  ) : (
    <span class="badge badge--soon">{t('paymentMethods.expiresSoon')}</span>
  )
}

/** "the billing profile Léa Martin and the subscription Plan": what uses a card, in a sentence. */
export function usesText(ctx: ViewContext, use: CardUse): string {
  const parts = [
    ...use.profiles.map((p) => ctx.t('paymentMethods.inUseProfile', { name: p.name })),
    ...use.subscriptions.map((s) => ctx.t('paymentMethods.inUseSubscription', { product: s.productName[ctx.locale] })),
  ]
  return formatList(parts, ctx.locale)
}
