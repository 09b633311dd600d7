import type { MessageKey } from '../../../src/i18n/index'
import type { ViewContext } from '../../context'
import { h } from '../../html'
import { Layout } from '../../layout'
import { productsUrl } from '../../urls'

export type ErrorKind =
  | 'notFound'
  | 'forbidden'
  | 'server'
  | 'tooLarge'
  | 'badRequest'
  | 'unsupportedMediaType'
  | 'unavailable' // the database cannot be reached: 503
  | 'chargeUnsettled' // a charge taken but not yet recorded: 503, the reconciler settles it

const ERROR_TEXTS: Record<ErrorKind, { title: MessageKey; body: MessageKey }> = {
  notFound: { title: 'errors.notFound.title', body: 'errors.notFound.body' },
  forbidden: { title: 'errors.forbidden.title', body: 'errors.forbidden.body' },
  server: { title: 'errors.server.title', body: 'errors.server.body' },
  tooLarge: { title: 'errors.tooLarge.title', body: 'errors.tooLarge.body' },
  badRequest: { title: 'errors.badRequest.title', body: 'errors.badRequest.body' },
  unsupportedMediaType: { title: 'errors.unsupportedMediaType.title', body: 'errors.unsupportedMediaType.body' },
  unavailable: { title: 'errors.unavailable.title', body: 'errors.unavailable.body' },
  chargeUnsettled: { title: 'errors.chargeUnsettled.title', body: 'errors.chargeUnsettled.body' },
}

/** The page for a 4xx/5xx that is not a form's own validation. */
export function ErrorPage(p: { ctx: ViewContext; kind: ErrorKind }) {
  const { t } = p.ctx
  const title = t(ERROR_TEXTS[p.kind].title)
  return Layout({
    ctx: p.ctx,
    title,
    children: (
      <div class="narrow">
        <h1>{title}</h1>
        <p>{t(ERROR_TEXTS[p.kind].body, { requestId: p.ctx.requestId })}</p>
        {p.ctx.user ? (
          <p>
            <a href={productsUrl()}>{t('errors.backHome')}</a>
          </p>
        ) : null}
      </div>
    ),
  })
}

/** A request the rules refuse outright (a policy, a guest): the reason and a way back. */
export function RefusalPage(p: {
  ctx: ViewContext
  title: string
  message: string
  back: { href: string; label: string }
}) {
  return Layout({
    ctx: p.ctx,
    title: p.title,
    hasErrors: true,
    children: (
      <div class="narrow">
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
          <h2 id="error-summary-title">{p.ctx.t('errors.summaryTitle')}</h2>
          <p>{p.message}</p>
        </div>
        <h1>{p.title}</h1>
        <p>
          <a href={p.back.href}>{p.back.label}</a>
        </p>
      </div>
    ),
  })
}
