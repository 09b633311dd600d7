import type { NotificationRow } from '../../../src/services/notifications/notifications'
import { formatDate } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { h } from '../../html'
import { Layout } from '../../layout'
import { subscriptionUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'
import { NOTIFICATION_TEXTS } from '../../../src/i18n/labels'

/** In-app notifications for the purchaser (DESIGN §9), newest first. */
export function NotificationsPage(p: { ctx: ViewContext; rows: NotificationRow[]; status?: string | undefined }) {
  const { t, locale } = p.ctx
  const text = (n: NotificationRow) => {
    const product = n.productName?.[locale] ?? ''
    const date = typeof n.data.date === 'string' ? formatDate(new Date(n.data.date), locale) : ''
    return t(NOTIFICATION_TEXTS[n.kind], { product, date })
  }
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
                  <time datetime={n.createdAt.toISOString()}>{formatDate(n.createdAt, locale)}</time> — {text(n)}{' '}
                  {n.subscriptionId && n.productName ? (
                    <a href={subscriptionUrl(n.subscriptionId)}>
                      {t('notifications.open', { product: n.productName[locale] })}
                    </a>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    ),
  })
}
