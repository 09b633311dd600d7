import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { TextField } from '../../components/text-field'

/** "Get invoices in email" and who gets them (DESIGN §5). An unticked box is not sent: off. */
export function InvoiceEmailFields(p: {
  ctx: ViewContext
  recipients: string
  emailInvoices: boolean
  errors: Record<string, string | undefined>
}): SafeHtml {
  const { t } = p.ctx
  return (
    <div>
      <div class="checkbox field">
        <input type="checkbox" id="emailInvoices" name="emailInvoices" value="on" checked={p.emailInvoices} />
        <label for="emailInvoices">{t('profile.emailInvoices')}</label>
      </div>
      <TextField
        id="recipients"
        name="recipients"
        inputmode="email"
        label={t('profile.recipients')}
        hint={t('profile.recipientsHint')}
        value={p.recipients}
        error={p.errors.recipients}
      />
    </div>
  )
}

export function PoNumberField(p: { ctx: ViewContext; value: string; error: string | undefined }): SafeHtml {
  const { t } = p.ctx
  return (
    <TextField
      id="poNumber"
      name="poNumber"
      label={t('profile.poNumber')}
      hint={t('profile.poNumberHint')}
      value={p.value}
      error={p.error}
    />
  )
}
