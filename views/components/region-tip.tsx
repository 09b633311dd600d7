import type { ViewContext } from '../context'
import { Fragment, h, type SafeHtml } from '../html'
import { LinkedText } from './linked-text'

/**
 * The sovereign-cloud tip (DESIGN §9): a deployment whose region has its own admin center sets
 * REGION_ADMIN_URL, and Help and Your products point there. Without the setting, nothing at all.
 * A paragraph, not an <aside>: a complementary landmark inside <main> is one axe flags.
 */
export function RegionTip(p: { ctx: ViewContext }): SafeHtml {
  const url = p.ctx.regionAdminUrl
  if (!url) return Fragment({})
  const { t } = p.ctx
  return (
    <p class="tip region-tip">
      <strong>{t('regionTip.label')}</strong> <LinkedText text={t('regionTip.text')} link={{ href: url, label: url }} />
    </p>
  )
}
