import { INVOICE_CURRENCIES } from '../../../src/services/billing/add-billing-profile'
import { AddressFields, type AddressValues } from '../../components/address-fields'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { SelectField } from '../../components/select-field'
import { paneForm, SidePane } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { accountUrl, addProfileUrl } from '../../urls'
import { InvoiceEmailFields, PoNumberField } from '../billing-profiles/profile-fields'

export type ProfileFormValues = {
  name: string
  currency: string
  address: AddressValues
  poNumber: string
  recipients: string
  emailInvoices: boolean
}

export type AddProfileProps = {
  ctx: ViewContext
  asPage?: boolean
  accountId: string
  values: ProfileFormValues
  errors: FieldError[]
}

/** Add a billing profile (DESIGN §5) to an account: its name, invoice currency, bill-to address, PO
 *  number and invoice email; its card is chosen on its page once it exists. */
export function AddProfilePane(p: AddProfileProps): SafeHtml {
  const { t } = p.ctx
  const url = addProfileUrl(p.accountId)
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  const v = p.values
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('addProfile.title')}
      closeHref={accountUrl(p.accountId, 'profiles')}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p>{t('addProfile.intro')}</p>
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <TextField id="name" name="name" label={t('profile.name')} value={v.name} error={e.name} />
        <SelectField
          id="currency"
          name="currency"
          label={t('profile.currency')}
          value={v.currency}
          options={INVOICE_CURRENCIES.map((c) => ({ value: c, label: c }))}
          error={e.currency}
        />
        <AddressFields ctx={p.ctx} legend={t('profile.billTo')} values={v.address} errors={e} />
        <PoNumberField ctx={p.ctx} value={v.poNumber} error={e.poNumber} />
        <InvoiceEmailFields ctx={p.ctx} recipients={v.recipients} emailInvoices={v.emailInvoices} errors={e} />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function AddProfilePage(p: AddProfileProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('addProfile.title'),
    hasErrors: p.errors.length > 0,
    children: AddProfilePane({ ...p, asPage: true }),
  })
}
