import type { NotificationEvent, NotificationRow } from '../../../src/services/notifications/list-notifications'
import { formatDate, formatMoney } from '../../../src/i18n/format'
import { TAKE_OVER_REASON_LABELS } from '../../../src/i18n/labels'
import type { MessageKey } from '../../../src/i18n/index'
import type { ViewContext } from '../../context'
import { h } from '../../html'
import { Layout } from '../../layout'
import { invoiceUrl, subscriptionUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

type Dated = Extract<NotificationEvent, { date: Date | null }>['kind']

// A sentence with the event's date, and one for a row written before notifications carried it.
const DATED_TEXTS: Record<Dated, { dated: MessageKey; undated: MessageKey }> = {
  trial_ending: { dated: 'notification.trial_ending', undated: 'notification.trial_ending.undated' },
  subscription_expired: {
    dated: 'notification.subscription_expired',
    undated: 'notification.subscription_expired.undated',
  },
  renewal_failed: { dated: 'notification.renewal_failed', undated: 'notification.renewal_failed.undated' },
  conversion_failed: { dated: 'notification.conversion_failed', undated: 'notification.conversion_failed.undated' },
}

/** What happened, in the user's language: the item's own date comes before it. */
function eventText(ctx: ViewContext, n: NotificationRow): string {
  const { t, locale } = ctx
  const product = n.productName?.[locale] ?? ''
  const e = n.event
  switch (e.kind) {
    case 'invoice_issued':
    case 'credit_note_issued':
      return t(`notification.${e.kind}`, {
        product,
        number: e.number,
        amount: formatMoney(e.amount.total, e.amount.currency, locale),
      })
    case 'document_issued':
      return t(`notification.${e.kind}`, { product })
    case 'take_over':
      return takeOverText(ctx, e, product)
    default: {
      const keys = DATED_TEXTS[e.kind]
      return e.date ? t(keys.dated, { product, date: formatDate(e.date, locale) }) : t(keys.undated, { product })
    }
  }
}

/** Who took the subscription over, and where its users went or why it was cancelled (with the admin's note). */
function takeOverText(ctx: ViewContext, e: Extract<NotificationEvent, { kind: 'take_over' }>, product: string): string {
  const { t } = ctx
  if (!e.by) return t('notification.take_over', { product })
  const what = e.movedTo
    ? e.movedTo.central
      ? t('notification.take_over.moveCentral', { by: e.by, product })
      : t('notification.take_over.move', { by: e.by, product, to: e.movedTo.owner })
    : e.reason
      ? t('notification.take_over.cancel', { by: e.by, product, reason: t(TAKE_OVER_REASON_LABELS[e.reason]) })
      : t('notification.take_over', { product })
  return e.note ? `${what} ${t('notification.take_over.note', { note: e.note })}` : what
}

/** Where a notification leads: an invoice's or a credit note's to its own page, the others to their
 *  subscription while it exists. */
function OpenLink(p: { ctx: ViewContext; row: NotificationRow }) {
  const { t, locale } = p.ctx
  const { event: e, subscriptionId, productName } = p.row
  if (e.kind === 'invoice_issued' || e.kind === 'credit_note_issued') {
    const key = e.kind === 'invoice_issued' ? 'notifications.openInvoice' : 'notifications.openCreditNote'
    return <a href={invoiceUrl(e.invoiceId)}>{t(key, { number: e.number })}</a>
  }
  if (!subscriptionId || !productName) return null
  return <a href={subscriptionUrl(subscriptionId)}>{t('notifications.open', { product: productName[locale] })}</a>
}

/** In-app notifications for the purchaser (DESIGN §9), newest first. */
export function NotificationsPage(p: { ctx: ViewContext; rows: NotificationRow[]; status?: string | undefined }) {
  const { t, locale } = p.ctx
  return Layout({
    ctx: p.ctx,
    title: t('notifications.title'),
    status: p.status,
    children: (
      <div>
        <h1>{t('notifications.title')}</h1>
        {p.rows.length === 0 ? (
          <p class="empty">{t('notifications.empty')}</p>
        ) : (
          <div>
            <form method="post" action="/notifications/read">
              <CsrfField ctx={p.ctx} />
              <button type="submit" class="button button--secondary">
                {t('notifications.markRead')}
              </button>
            </form>
            <ul class="notifications">
              {p.rows.map((n) => (
                <li class={n.unread ? 'notification notification--unread' : 'notification'}>
                  {n.unread ? <strong class="badge">{t('notifications.new')}</strong> : null}{' '}
                  <time datetime={n.createdAt.toISOString()}>{formatDate(n.createdAt, locale)}</time> —{' '}
                  {eventText(p.ctx, n)} <OpenLink ctx={p.ctx} row={n} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    ),
  })
}
