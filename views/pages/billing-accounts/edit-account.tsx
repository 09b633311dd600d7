import { AddressFields, type AddressValues } from '../../components/address-fields'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { paneForm, SidePane } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { accountUrl, editAccountUrl } from '../../urls'

export type EditAccountProps = {
  ctx: ViewContext
  asPage?: boolean
  id: string
  values: { name: string; taxId: string; address: AddressValues }
  errors: FieldError[]
}

/** Edit account details: name, sold-to address and tax id (DESIGN §5). */
export function EditAccountPane(p: EditAccountProps): SafeHtml {
  const { t } = p.ctx
  const url = editAccountUrl(p.id)
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('account.edit')}
      closeHref={accountUrl(p.id)}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <TextField
          id="name"
          name="name"
          label={t('account.name')}
          value={p.values.name}
          error={e.name}
          autocomplete="organization"
        />
        <AddressFields ctx={p.ctx} legend={t('account.soldTo')} values={p.values.address} errors={e} />
        <TextField
          id="taxId"
          name="taxId"
          label={t('account.taxId')}
          hint={t('account.taxIdHint')}
          value={p.values.taxId}
          error={e.taxId}
        />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function EditAccountPage(p: EditAccountProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t('account.edit'),
    hasErrors: p.errors.length > 0,
    children: EditAccountPane({ ...p, asPage: true }),
  })
}
