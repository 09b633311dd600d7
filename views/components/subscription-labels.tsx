import type { SubscriptionStatus } from '../../src/services/subscriptions/list-your-products'
import { formatDate } from '../../src/i18n/format'
import { STATUS_LABELS } from '../../src/i18n/labels'
import type { ViewContext } from '../context'
import { Fragment, h, type SafeHtml } from '../html'

/** A subscription's status: the same badge on every list and page. */
export function StatusBadge(p: { ctx: ViewContext; status: SubscriptionStatus }): SafeHtml {
  return <span class={`badge badge--${p.status}`}>{p.ctx.t(STATUS_LABELS[p.status])}</span>
}

type Named = {
  id: string
  productName: { en: string; fr: string }
  status: SubscriptionStatus
  createdAt: Date
  billingFrequency: 'monthly' | 'annual'
}

/** A list's product cell: the name as a link, with when it was bought and its term beneath, so two
 *  subscriptions of one product read apart — and the link's description says which one it opens, since
 *  a screen reader's list of links would otherwise hold two identical names. */
export function ProductCell(p: { ctx: ViewContext; href: string; sub: Named }): SafeHtml {
  const { t, locale } = p.ctx
  const s = p.sub
  const id = `about-${s.id}`
  const date = formatDate(s.createdAt, locale)
  return (
    <>
      <a href={p.href} aria-describedby={id}>
        {s.productName[locale]}
      </a>
      <span class="row-detail" id={id}>
        {s.status === 'trial'
          ? t('products.aboutTrial', { date })
          : t('products.about', { date, term: t(`products.term.${s.billingFrequency}`) })}
      </span>
    </>
  )
}
