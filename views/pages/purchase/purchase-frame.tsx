import type { CardChoice, ProfileChoice } from '../../../src/services/billing/billing-choices'
import type { Product } from '../../../src/services/purchase/catalog'
import type { HeldCard } from '../../../src/services/purchase/held-card'
import type { AddressValues } from '../../components/address-fields'
import type { CardFormValues } from '../../components/card-fields'
import type { Locale } from '../../../src/i18n/index'
import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { h, type Child } from '../../html'
import { Layout } from '../../layout'
import { purchaseUrl } from '../../urls'

/** A product's name in the reader's language. */
export function productName(product: Pick<Product, 'nameEn' | 'nameFr'>, locale: Locale): string {
  return locale === 'fr' ? product.nameFr : product.nameEn
}

/** The frame of a page on the way to buying or trying: error summary, the way back, the title. */
export function PurchaseFrame(p: { ctx: ViewContext; title: string; errors: FieldError[]; children?: Child }): string {
  return Layout({
    ctx: p.ctx,
    title: p.title,
    hasErrors: p.errors.length > 0,
    children: (
      <div>
        <ErrorSummary ctx={p.ctx} errors={p.errors} />
        <p class="back">
          <a href={purchaseUrl()}>{p.ctx.t('checkout.back')}</a>
        </p>
        <h1>{p.title}</h1>
        {p.children}
      </div>
    ),
  })
}

/** What the checkout and the trial page both show: the buyer's profiles and cards, the card held for
 *  them, the card form as typed (never its number or code), the errors, the form key and the billing set-up. */
export type PaymentFormProps = {
  ctx: ViewContext
  product: Product
  profiles: ProfileChoice[]
  cards: CardChoice[]
  /** The new card entered earlier in this checkout, now a token the gateway holds for the buyer. */
  held: HeldCard | null
  card: CardFormValues
  errors: Record<string, string | undefined>
  summary: FieldError[]
  idempotencyKey: string
  reenter: boolean
  setup: { values: AddressValues; errors: Record<string, string | undefined> } | null
}
