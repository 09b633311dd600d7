import type { PaymentMethodDetails } from '../../../src/services/payment-methods/payment-methods'
import { CsrfField } from '../../components/csrf-field'
import { paneForm, SidePane } from '../../components/side-pane'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { deletePaymentMethodUrl, paymentMethodsUrl } from '../../urls'
import { cardText, usesText } from './format'

export type DeleteCardProps = { ctx: ViewContext; asPage?: boolean; card: PaymentMethodDetails }

/** Delete asks first (DESIGN §11): a small alert dialog with htmx, a page without. A card in use cannot
 *  go (DESIGN §5): the dialog names what uses it instead of offering the button. */
export function DeleteCardPane(p: DeleteCardProps): SafeHtml {
  const { t } = p.ctx
  const url = deletePaymentMethodUrl(p.card.id)
  const card = cardText(p.ctx, p.card)
  return (
    <SidePane
      asPage={p.asPage}
      kind="confirm"
      describedBy="delete-card-body"
      title={t('paymentMethods.deleteTitle')}
      closeHref={paymentMethodsUrl()}
      closeLabel={t('action.cancel')}
    >
      {p.card.canDelete ? (
        <div>
          <p id="delete-card-body">{t('paymentMethods.deleteBody', { card })}</p>
          <form method="post" action={url} {...paneForm(url, p.asPage)}>
            <CsrfField ctx={p.ctx} />
            <button type="submit" class="button button--warning">
              {t('paymentMethods.delete')}
            </button>
          </form>
        </div>
      ) : (
        <p id="delete-card-body" role="alert">
          {t('paymentMethods.inUse', { card, uses: usesText(p.ctx, p.card.usedBy) })}
        </p>
      )}
    </SidePane>
  )
}

export function DeleteCardPage(p: DeleteCardProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('paymentMethods.deleteTitle'),
    hasErrors: !p.card.canDelete,
    children: DeleteCardPane({ ...p, asPage: true }),
  })
}
