import type { MessageKey } from '../src/i18n/index'
import type { ViewContext } from './context'
import { StatusRegion } from './components/status-message'
import { documentHtml, Fragment, h, type Child, type SafeHtml } from './html'
import {
  accountsUrl,
  adminAuditUrl,
  adminSelfServiceUrl,
  helpUrl,
  invoicesUrl,
  licensesUrl,
  paymentMethodsUrl,
  productsUrl,
  profilesUrl,
  purchaseUrl,
} from './urls'
import { CsrfField } from './components/csrf-field'
import { assetUrl } from '../src/http/static-files'
import { PaneDialog } from './components/side-pane'

type NavItem = {
  href: string
  key: MessageKey
  show: (u: NonNullable<ViewContext['user']>) => boolean
  /** Other sections of the portal that belong to this entry (its tabs, its sub-pages). */
  also?: string[]
}

const NAV: NavItem[] = [
  { href: productsUrl(), key: 'nav.products', show: () => true },
  { href: licensesUrl(), key: 'nav.licenses', show: () => true },
  // Billing pages are for members only (DESIGN §1: a guest never buys, so has no billing).
  { href: invoicesUrl(), key: 'nav.billing', show: (u) => u.kind === 'member', also: [paymentMethodsUrl()] },
  { href: accountsUrl(), key: 'nav.accounts', show: (u) => u.kind === 'member', also: [profilesUrl()] },
  // A guest may sign in but not buy (DESIGN §1): no Purchase services for them.
  { href: purchaseUrl(), key: 'nav.purchase', show: (u) => u.kind === 'member' },
  { href: helpUrl(), key: 'nav.help', show: () => true },
  { href: adminSelfServiceUrl(), key: 'nav.admin', show: (u) => u.role === 'admin', also: [adminAuditUrl()] },
]

const isCurrent = (href: string, url: string) =>
  url === href || url.startsWith(`${href}/`) || url.startsWith(`${href}?`)

/** The page frame: skip link, header with navigation and language switch, live region, main, footer. */
export function Layout(p: {
  ctx: ViewContext
  title: string
  hasErrors?: boolean
  status?: string | undefined
  children?: Child
}): string {
  const { ctx } = p
  const { t } = ctx
  const title = p.hasErrors ? t('layout.errorTitlePrefix', { title: p.title }) : p.title
  return documentHtml(
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t('app.name')}`}</title>
        <link rel="stylesheet" href={assetUrl('css/app.css')} />
        <link rel="icon" href={assetUrl('favicon.svg')} type="image/svg+xml" />
        {/* The strict CSP forbids inline styles, so htmx must not inject its indicator CSS. */}
        <meta name="htmx-config" content='{"includeIndicatorCSS":false}' />
        <script src={assetUrl('vendor/htmx.min.js')} defer></script>
        <script src={assetUrl('js/app.js')} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('layout.skipLink')}
        </a>
        <header class="site-header">
          <div class="site-header__bar">
            <a class="brand" href={ctx.user ? productsUrl() : '/login'}>
              {t('app.name')}
            </a>
            <div class="site-header__tools">
              <HeaderTools ctx={ctx} />
            </div>
            {/* Narrow screens: everything but the name folds into one Menu button, which opens
                without JavaScript (details/summary); the header stays one line high. */}
            <details class="small-menu">
              <summary>{t('layout.menu')}</summary>
              <div class="small-menu__panel">
                {ctx.user ? <PrimaryNav ctx={ctx} user={ctx.user} /> : null}
                <div class="small-menu__tools">
                  <HeaderTools ctx={ctx} />
                </div>
              </div>
            </details>
          </div>
          {ctx.user ? <PrimaryNav ctx={ctx} user={ctx.user} /> : null}
        </header>
        <main id="main" tabindex="-1">
          <StatusRegion message={p.status} />
          {p.children}
        </main>
        <footer class="site-footer">
          <p>{t('layout.footer')}</p>
        </footer>
        {/* Panes and confirmations open here with JavaScript (views/components/side-pane.tsx). */}
        {ctx.user ? <PaneDialog /> : null}
      </body>
    </html>,
  )
}

/** Language, notifications and sign-out: in the header bar, or in the Menu on a narrow screen. */
function HeaderTools(p: { ctx: ViewContext }): SafeHtml {
  const { ctx } = p
  const { t } = ctx
  return (
    <>
      <LanguageSwitch ctx={ctx} />
      {ctx.user ? (
        <a href="/notifications" class="notifications-link">
          {t('notifications.link')}
          {ctx.unreadNotifications > 0 ? ` (${t('notifications.unread', { count: ctx.unreadNotifications })})` : ''}
        </a>
      ) : null}
      {ctx.user ? (
        <form method="post" action="/logout" class="inline-form">
          <CsrfField ctx={ctx} />
          <span class="signed-in">{t('layout.signedInAs', { name: ctx.user.displayName })}</span>{' '}
          <button type="submit" class="link-button">
            {t('layout.signOut')}
          </button>
        </form>
      ) : null}
    </>
  )
}

/** The sections of the portal this user may open. */
function PrimaryNav(p: { ctx: ViewContext; user: NonNullable<ViewContext['user']> }): SafeHtml {
  const { ctx, user } = p
  return (
    <nav class="primary-nav" aria-label={ctx.t('layout.primaryNav')}>
      <ul>
        {NAV.filter((item) => item.show(user)).map((item) => (
          <li>
            <a
              href={item.href}
              aria-current={
                [item.href, ...(item.also ?? [])].some((href) => isCurrent(href, ctx.currentUrl)) ? 'page' : undefined
              }
            >
              {ctx.t(item.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}

/** Switching language is a state change, so it is a POST (DESIGN §11); it returns to this page. */
function LanguageSwitch(p: { ctx: ViewContext }) {
  const { t } = p.ctx
  const other = t('layout.switchToLang')
  return (
    <form method="post" action="/language" class="inline-form">
      <CsrfField ctx={p.ctx} />
      <input type="hidden" name="lang" value={other} />
      <input type="hidden" name="next" value={p.ctx.currentUrl} />
      <button
        type="submit"
        class="link-button"
        lang={other}
        aria-label={`${t('layout.language')}: ${t('layout.switchTo')}`}
      >
        {t('layout.switchTo')}
      </button>
    </form>
  )
}
