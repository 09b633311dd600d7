import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { AccountPage, ClosedAccountPane } from '../../views/pages/billing-accounts/account'
import { AccountsPage } from '../../views/pages/billing-accounts/accounts'
import {
  AddProfilePage,
  AddProfilePane,
  type AddProfileProps,
  type ProfileFormValues,
} from '../../views/pages/billing-accounts/add-profile'
import {
  EditAccountPage,
  EditAccountPane,
  type EditAccountProps,
} from '../../views/pages/billing-accounts/edit-account'
import { accountUrl, profileUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { takeFlash } from '../http/flash'
import { done, type FormViews, invalid, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { INVOICE_EMAIL_MESSAGES } from '../i18n/refusals'
import { addBillingProfile, INVOICE_CURRENCIES, type InvoiceCurrency } from '../services/billing/add-billing-profile'
import { type AccountDetails, getBillingAccount, listBillingAccounts } from '../services/billing/billing-accounts'
import { updateBillingAccount } from '../services/billing/update-billing-account'
import {
  AccountForm,
  addressValues,
  type Body,
  both,
  parseAddress,
  parseInvoiceEmail,
  parseWith,
  PoNumber,
  ProfileName,
  str,
} from './billing-forms'

/** Billing accounts (DESIGN §5, §10): the list, an account's Overview and Billing profiles tabs, Edit
 *  account details and Add a billing profile (panes). */
export const billingAccountsRoutes = signedInRoutes()
type Ctx = Context<SignedInEnv>

const EditForm: FormViews<EditAccountProps> = { pane: EditAccountPane, page: EditAccountPage }
const AddProfileForm: FormViews<AddProfileProps> = { pane: AddProfilePane, page: AddProfilePage }

const Id = z.uuid()

async function ownAccount(c: Ctx): Promise<AccountDetails | null> {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getBillingAccount(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

/** After a change: back to the account's tab with a message, or for htmx the pane closed and the tab fresh. */
function changed(c: Ctx, account: AccountDetails, redirect: string, message: string): Promise<Response> {
  return done(c, {
    redirect,
    flash: message,
    partial: async () => {
      const fresh = await getBillingAccount(c.var.deps, c.var.actor, account.id)
      return {
        fragment: ClosedAccountPane({ ctx: viewContext(c), account: fresh.ok ? fresh.value : account }),
        status: message,
      }
    },
  })
}

billingAccountsRoutes.get('/', async (c) => {
  const accounts = await listBillingAccounts(c.var.deps, c.var.actor)
  if (!accounts.ok) return notFound(c)
  return c.html(AccountsPage({ ctx: viewContext(c), accounts: accounts.value }))
})

billingAccountsRoutes.get('/:id', async (c) => {
  const account = await ownAccount(c)
  if (!account) return notFound(c)
  const tab = c.req.query('tab') === 'profiles' ? 'profiles' : 'overview'
  return c.html(AccountPage({ ctx: viewContext(c), account, tab, status: takeFlash(c) }))
})

// Edit account details.
function editProps(c: Ctx, account: AccountDetails, body: Body | null, errors: FieldError[]): EditAccountProps {
  const { line1, line2, city, postalCode, country } = account.address
  const values = body
    ? { name: str(body, 'name'), taxId: str(body, 'taxId'), address: addressValues(body) }
    : { name: account.name, taxId: account.taxId, address: { line1, line2, city, postalCode, country } }
  return { ctx: viewContext(c), id: account.id, values, errors }
}

billingAccountsRoutes.get('/:id/edit', async (c) => {
  const account = await ownAccount(c)
  if (!account) return notFound(c)
  return showForm(c, EditForm, editProps(c, account, null, []))
})

billingAccountsRoutes.post('/:id/edit', async (c) => {
  const account = await ownAccount(c)
  if (!account) return notFound(c)
  const body = await c.req.parseBody()
  const form = both(parseWith(AccountForm, body, c.var.t), parseAddress(body, c.var.t))
  if (!form.ok) return invalid(c, EditForm, editProps(c, account, body, form.errors))
  const [{ name, taxId }, address] = form.value
  const out = await updateBillingAccount(c.var.deps, c.var.actor, account.id, { name, taxId, address })
  if (!out.ok) return notFound(c)
  return changed(c, account, accountUrl(account.id), c.var.t('account.saved'))
})

// Add a billing profile: the account's name and sold-to address are its first guess.
function addProps(c: Ctx, account: AccountDetails, body: Body | null, errors: FieldError[]): AddProfileProps {
  const { line1, line2, city, postalCode, country } = account.address
  const values: ProfileFormValues = body
    ? {
        name: str(body, 'name'),
        currency: str(body, 'currency', 3),
        address: addressValues(body),
        poNumber: str(body, 'poNumber'),
        recipients: str(body, 'recipients', 2000),
        emailInvoices: body.emailInvoices === 'on',
      }
    : {
        name: '',
        currency: account.profiles[0]?.currency ?? INVOICE_CURRENCIES[0],
        address: { line1, line2, city, postalCode, country },
        poNumber: '',
        recipients: c.var.actor.email,
        emailInvoices: true,
      }
  return { ctx: viewContext(c), accountId: account.id, values, errors }
}

const Currency = z.object({ currency: z.enum(INVOICE_CURRENCIES, 'profile.currencyRequired') })

billingAccountsRoutes.get('/:id/profiles/new', async (c) => {
  const account = await ownAccount(c)
  if (!account) return notFound(c)
  return showForm(c, AddProfileForm, addProps(c, account, null, []))
})

billingAccountsRoutes.post('/:id/profiles/new', async (c) => {
  const account = await ownAccount(c)
  if (!account) return notFound(c)
  const body = await c.req.parseBody()
  const t = c.var.t
  const head = both(parseWith(ProfileName, body, t), parseWith(Currency, body, t))
  const rest = both(both(parseAddress(body, t), parseWith(PoNumber, body, t)), parseInvoiceEmail(body, t))
  const form = both(head, rest)
  if (!form.ok) return invalid(c, AddProfileForm, addProps(c, account, body, form.errors))
  const [[{ name }, { currency }], [[address, { poNumber }], email]] = form.value
  const input = { name, currency: currency as InvoiceCurrency, address, poNumber, ...email }
  const out = await addBillingProfile(c.var.deps, c.var.actor, account.id, input)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const errors = [{ field: 'recipients', message: t(INVOICE_EMAIL_MESSAGES[out.refusal]) }]
    return invalid(c, AddProfileForm, addProps(c, account, body, errors))
  }
  // Without JavaScript, straight to the new profile, whose card is chosen next.
  return changed(c, account, profileUrl(out.value.id), t('addProfile.added', { name }))
})
