import type { ProfileSection } from '../../../src/services/billing/update-billing-profile'
import type { MessageKey } from '../../../src/i18n/index'
import { AddressFields, type AddressValues } from '../../components/address-fields'
import { CsrfField } from '../../components/csrf-field'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { paneForm, SidePane } from '../../components/side-pane'
import { TextField } from '../../components/text-field'
import type { ViewContext } from '../../context'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { editProfileUrl, profileUrl } from '../../urls'
import { InvoiceEmailFields, PoNumberField } from './profile-fields'

export type ProfileEditValues = {
  name: string
  address: AddressValues
  poNumber: string
  recipients: string
  emailInvoices: boolean
}

export type EditProfileProps = {
  ctx: ViewContext
  asPage?: boolean
  profileId: string
  section: ProfileSection
  values: ProfileEditValues
  errors: FieldError[]
}

/** Each pane is titled with what it edits. */
export const SECTION_TITLES: Record<ProfileSection, MessageKey> = {
  name: 'profile.name',
  address: 'profile.billTo',
  po: 'profile.poNumber',
  email: 'profile.emailInvoices',
}

/** One part of a billing profile, edited in a pane of its own (DESIGN §10). */
export function EditProfilePane(p: EditProfileProps): SafeHtml {
  const { t } = p.ctx
  const url = editProfileUrl(p.profileId, p.section)
  const e: Record<string, string | undefined> = {}
  for (const err of p.errors) e[err.field] ??= err.message
  const v = p.values
  const fields = {
    name: () => <TextField id="name" name="name" label={t('profile.name')} value={v.name} error={e.name} />,
    address: () => <AddressFields ctx={p.ctx} legend={t('profile.billTo')} values={v.address} errors={e} />,
    po: () => <PoNumberField ctx={p.ctx} value={v.poNumber} error={e.poNumber} />,
    email: () => (
      <InvoiceEmailFields ctx={p.ctx} recipients={v.recipients} emailInvoices={v.emailInvoices} errors={e} />
    ),
  }[p.section]
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t(SECTION_TITLES[p.section])}
      closeHref={profileUrl(p.profileId)}
      closeLabel={t('action.cancel')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        {fields()}
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </SidePane>
  )
}

export function EditProfilePage(p: EditProfileProps): string {
  return Layout({
    ctx: p.ctx,
    title: p.ctx.t(SECTION_TITLES[p.section]),
    hasErrors: p.errors.length > 0,
    children: EditProfilePane({ ...p, asPage: true }),
  })
}
