import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { compression } from './http/compression'
import { staticFiles } from './http/static-files'
import { arrivalOrder } from './http/arrival'
import { csrf } from './http/csrf'
import { formBodiesOnly } from './http/form-bodies'
import { textGuard } from './http/text-guard'
import type { AppDeps, AppEnv } from './http/env'
import { HttpError, notFound, onError } from './http/errors'
import { language } from './http/language'
import { securityHeaders } from './http/security-headers'
import { requireSignIn, session } from './http/session'
import { auth } from './routes/auth'
import { help } from './routes/help'
import { supportRequests } from './routes/support-requests'
import { health } from './routes/health'
import { benchRoutes } from './routes/bench'
import { products } from './routes/products'
import { licenseCount } from './routes/license-count'
import { cancel } from './routes/cancel'
import { recurringBilling } from './routes/recurring-billing'
import { catalog } from './routes/catalog'
import { checkout } from './routes/checkout'
import { trial } from './routes/trial'
import { billingSetup } from './routes/billing-setup'
import { licenses } from './routes/licenses'
import { notificationsRoutes } from './routes/notifications'
import { billingAccountsRoutes } from './routes/billing-accounts'
import { billingProfilesRoutes } from './routes/billing-profiles'
import { paymentMethodsRoutes } from './routes/payment-methods'
import { invoicesRoutes } from './routes/invoices'
import { adminSelfService } from './routes/admin-self-service'
import { takeOver } from './routes/take-over'
import { adminAudit } from './routes/admin-audit'
import { productsUrl } from '../views/urls'

export const MAX_BODY_BYTES = 64 * 1024

/** The whole HTTP app, built from its dependencies; tests call app.request() on it. */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>()

  app.use('*', async (c, next) => {
    const started = performance.now()
    c.set('deps', deps)
    c.set('requestId', randomUUID())
    c.header('X-Request-Id', c.var.requestId) // before the handler: see securityHeaders
    await next()
    // Path only: query strings may carry search terms, and bodies are never logged (rule 7).
    deps.log.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    })
  })
  app.use('*', arrivalOrder())
  app.use('*', compression())
  app.use('*', securityHeaders())
  app.route('/', health)
  if (deps.config.benchRoutes) app.route('/', benchRoutes)
  app.use('/public/*', staticFiles())

  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => Promise.reject(new HttpError(413, 'tooLarge')) }))
  app.use('*', session())
  app.use('*', language())
  app.use('*', formBodiesOnly())
  app.use('*', csrf())
  app.use('*', textGuard())

  app.route('/', auth)
  app.get('/', (c) => c.redirect(c.var.actor ? productsUrl() : '/login', 303))
  for (const area of ['/billing/*', '/admin/*', '/help', '/help/*', '/notifications', '/notifications/*'])
    app.use(area, requireSignIn())
  app.route('/billing/products', products)
  app.route('/billing/products', licenseCount)
  app.route('/billing/products', cancel)
  app.route('/billing/products', recurringBilling)
  app.route('/billing/purchase', catalog)
  app.route('/billing/purchase', checkout)
  app.route('/billing/purchase', trial)
  app.route('/billing/purchase', billingSetup)
  app.route('/billing/licenses', licenses)
  app.route('/billing/accounts', billingAccountsRoutes)
  app.route('/billing/profiles', billingProfilesRoutes)
  app.route('/billing/payment-methods', paymentMethodsRoutes)
  app.route('/billing/invoices', invoicesRoutes)
  app.route('/notifications', notificationsRoutes)
  app.route('/admin/self-service', adminSelfService)
  app.route('/admin/self-service', takeOver)
  app.route('/admin', adminAudit)
  app.route('/help', help)
  app.route('/help', supportRequests)

  app.notFound(notFound)
  app.onError(onError)
  return app
}
