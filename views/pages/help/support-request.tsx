import { formatDate } from '../../../src/i18n/format'
import type { SupportRequestDetails } from '../../../src/services/support/list-support-requests'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import type { ViewContext } from '../../context'
import { h, type Child, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import {
  adminPurchaseUrl,
  reopenSupportRequestUrl,
  resolveSupportRequestUrl,
  subscriptionUrl,
  supportRequestsUrl,
} from '../../urls'
import { SupportStatusBadge } from './support-requests'

/** The region Mark resolved and Reopen replace with htmx: the facts and the button. */
export const SUPPORT_REQUEST_ID = 'support-request'

type Props = {
  ctx: ViewContext
  request: SupportRequestDetails
  errors?: FieldError[]
  status?: string | undefined
  /** Swapped in by htmx: the region's heading (or its error summary) takes focus, as after any swap. */
  part?: boolean
}

function Row(p: { label: string; children?: Child }): SafeHtml {
  return (
    <div class="summary-list__row">
      <dt>{p.label}</dt>
      <dd>{p.children}</dd>
    </div>
  )
}

function subscriptionValue(ctx: ViewContext, request: SupportRequestDetails): Child {
  const { t, locale } = ctx
  const s = request.subscription
  if (!s) return t('supportRequests.none')
  const name = s.productName[locale]
  const link = request.subscriptionLink
  if (link === 'own') return <a href={subscriptionUrl(s.id)}>{name}</a>
  if (link === 'admin') return <a href={adminPurchaseUrl(s.id)}>{name}</a>
  return name
}

/** Who sent it and when, what about, its status, and for an admin Mark resolved or Reopen. */
export function SupportRequestSummary(p: Props): SafeHtml {
  const { t, locale } = p.ctx
  const r = p.request
  const action = r.canResolve
    ? { url: resolveSupportRequestUrl(r.id), label: t('supportRequest.resolve'), id: 'resolve-request' }
    : r.canReopen
      ? { url: reopenSupportRequestUrl(r.id), label: t('supportRequest.reopen'), id: 'reopen-request' }
      : null
  const errors = p.part ? (p.errors ?? []) : []
  return (
    <div id={SUPPORT_REQUEST_ID}>
      {/* As a page, the summary is at the top of <main>; swapped in, it is here, where the change was. */}
      <ErrorSummary ctx={p.ctx} errors={errors} />
      {h('h2', { tabindex: '-1', autofocus: p.part && errors.length === 0 }, t('supportRequest.details'))}
      <dl class="summary-list">
        <Row label={t('supportRequests.col.requester')}>
          {r.requester.displayName} ({r.requester.email})
        </Row>
        <Row label={t('supportRequests.col.date')}>{formatDate(r.createdAt, locale)}</Row>
        <Row label={t('supportRequests.col.subscription')}>{subscriptionValue(p.ctx, r)}</Row>
        <Row label={t('supportRequests.col.status')}>
          <SupportStatusBadge ctx={p.ctx} status={r.status} />
        </Row>
        {r.status === 'closed' && r.resolvedAt ? (
          <Row label={t('supportRequest.col.resolved')}>
            {t('supportRequest.resolvedBy', {
              date: formatDate(r.resolvedAt, locale),
              name: r.resolvedBy?.displayName ?? '',
            })}
          </Row>
        ) : null}
      </dl>
      {action ? (
        // A plain form posts and comes back here (303); htmx swaps this region and says so in the live region.
        <form
          method="post"
          action={action.url}
          class="button-row"
          hx-post={action.url}
          hx-target={`#${SUPPORT_REQUEST_ID}`}
          hx-swap="outerHTML"
        >
          <CsrfField ctx={p.ctx} />
          <button type="submit" class={r.canResolve ? 'button' : 'button button--secondary'} id={action.id}>
            {action.label}
          </button>
        </form>
      ) : null}
    </div>
  )
}

/** One support request (DESIGN §9), for its requester or an admin of the organization. */
export function SupportRequestPage(p: Props): string {
  const { t } = p.ctx
  const r = p.request
  const errors = p.errors ?? []
  return Layout({
    ctx: p.ctx,
    title: r.subject,
    hasErrors: errors.length > 0,
    status: p.status,
    children: (
      <div>
        <p>
          <a href={supportRequestsUrl({ all: !r.own })}>{t('supportRequest.back')}</a>
        </p>
        <ErrorSummary ctx={p.ctx} errors={errors} />
        <h1>{r.subject}</h1>
        <SupportRequestSummary {...p} part={false} />
        <h2>{t('supportRequest.message')}</h2>
        <div class="support-message">{r.message}</div>
      </div>
    ),
  })
}
