import { POLICY_SETTINGS, type SelfServicePolicy } from '../../../src/services/admin/self-service-policy'
import { NEW_PRODUCT_POLICIES } from '../../../src/services/purchase/product-policy'
import { AdminNav } from '../../components/admin-nav'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { RadioGroup } from '../../components/radio-group'
import type { ViewContext } from '../../context'
import { h } from '../../html'
import { Layout } from '../../layout'
import { adminPolicyUrl } from '../../urls'

/** The field of one product's setting: the error summary links to it. */
export const policyField = (productId: string) => `policy-${productId}`
/** The field of the default for products added to the catalog later. */
export const NEW_PRODUCTS_FIELD = 'new-products'

/** Admin → Policy (DESIGN §8): one radio group per product and one for products added later, saved
 *  together with one button. */
export function SelfServicePolicyPage(p: {
  ctx: ViewContext
  policy: SelfServicePolicy
  errors: FieldError[]
  status?: string | undefined
}): string {
  const { t, locale } = p.ctx
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  return Layout({
    ctx: p.ctx,
    title: t('policy.title'),
    hasErrors: p.errors.length > 0,
    status: p.status,
    children: (
      <div>
        <AdminNav ctx={p.ctx} current="policy" />
        <ErrorSummary ctx={p.ctx} errors={p.errors} />
        <h1>{t('policy.title')}</h1>
        <p>{t('policy.intro')}</p>
        <p class="notice">{t('policy.futureOnly')}</p>
        <form method="post" action={adminPolicyUrl()} class="policy-form">
          <CsrfField ctx={p.ctx} />
          {/* In the reader's alphabetical order: the service orders by the English name. */}
          {[...p.policy.products]
            .sort((a, b) => a.name[locale].localeCompare(b.name[locale], locale))
            .map((product) => (
              <RadioGroup
                id={policyField(product.productId)}
                name={policyField(product.productId)}
                legend={product.name[locale]}
                value={product.setting}
                error={error(policyField(product.productId))}
                options={POLICY_SETTINGS.map((s) => ({ value: s, label: t(`policy.setting.${s}`) }))}
              />
            ))}
          <RadioGroup
            id={NEW_PRODUCTS_FIELD}
            name={NEW_PRODUCTS_FIELD}
            legend={t('policy.newProducts.legend')}
            hint={t('policy.newProducts.hint')}
            value={p.policy.newProducts}
            error={error(NEW_PRODUCTS_FIELD)}
            options={NEW_PRODUCT_POLICIES.map((s) => ({ value: s, label: t(`policy.setting.${s}`) }))}
          />
          <button type="submit" class="button">
            {t('policy.save')}
          </button>
        </form>
      </div>
    ),
  })
}
