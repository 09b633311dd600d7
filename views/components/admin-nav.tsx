import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { adminAuditUrl, adminPolicyUrl, adminSelfServiceUrl } from '../urls'

export type AdminSection = 'self-service' | 'policy' | 'audit'

/** The Administration pages (DESIGN §8), linked from each of them: links with aria-current, no script. */
export function AdminNav(p: { ctx: ViewContext; current: AdminSection }): SafeHtml {
  const { t } = p.ctx
  const links: { section: AdminSection; href: string; label: string }[] = [
    { section: 'self-service', href: adminSelfServiceUrl(), label: t('selfService.title') },
    { section: 'policy', href: adminPolicyUrl(), label: t('policy.title') },
    { section: 'audit', href: adminAuditUrl(), label: t('audit.title') },
  ]
  return (
    <nav class="admin-nav" aria-label={t('admin.nav.label')}>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.section === p.current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
