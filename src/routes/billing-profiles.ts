import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { EMPTY_CARD } from '../../views/components/new-card-fields'
import {
  EditProfilePage,
  EditProfilePane,
  type EditProfileProps,
  type ProfileEditValues,
} from '../../views/pages/billing-profiles/edit-profile'
import { ClosedProfilePane, ProfilePage } from '../../views/pages/billing-profiles/profile'
import {
  ReplaceCardPage,
  ReplaceCardPane,
  type ReplaceCardProps,
} from '../../views/pages/billing-profiles/replace-card'
import { EditCardPage, EditCardPane, type EditCardProps } from '../../views/pages/payment-methods/edit-card'
import { cardText } from '../../views/pages/payment-methods/format'
import { editProfileCardUrl, profileUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { takeFlash } from '../http/flash'
import { done, type FormViews, invalid, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { CARD_CHECK_MESSAGES, INVOICE_EMAIL_MESSAGES } from '../i18n/refusals'
import { getBillingProfile, type ProfileDetails } from '../services/billing/billing-profile'
import {
  PROFILE_SECTIONS,
  type ProfileChange,
  type ProfileSection,
  updateBillingProfile,
} from '../services/billing/update-billing-profile'
import { getPaymentMethod, listPaymentMethods } from '../services/payment-methods/payment-methods'
import { type ReplaceChoice, replacePaymentMethod } from '../services/payment-methods/replace-payment-method'
import {
  addressValues,
  type Body,
  declineField,
  newCardValues,
  type Parsed,
  parseAddress,
  parseInvoiceEmail,
  parseNewCard,
  parseWith,
  PoNumber,
  ProfileName,
  str,
} from './billing-forms'
import { cardEditOf, saveCardEdit, savedCardValues } from './payment-methods'

/** Billing profile details (DESIGN §5, §10): each field edited in a pane; the payment method's Edit and
 *  Replace. */
export const billingProfilesRoutes = signedInRoutes()
type Ctx = Context<SignedInEnv>

const EditForm: FormViews<EditProfileProps> = { pane: EditProfilePane, page: EditProfilePage }
const ReplaceForm: FormViews<ReplaceCardProps> = { pane: ReplaceCardPane, page: ReplaceCardPage }
const EditCardForm: FormViews<EditCardProps> = { pane: EditCardPane, page: EditCardPage }

const Id = z.uuid()

async function ownProfile(c: Ctx): Promise<ProfileDetails | null> {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getBillingProfile(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

/** After a change: the profile's page with a message, or for htmx the pane closed and the page fresh. */
function changed(c: Ctx, profile: ProfileDetails, message: string): Promise<Response> {
  return done(c, {
    redirect: profileUrl(profile.id),
    flash: message,
    partial: async () => {
      const fresh = await getBillingProfile(c.var.deps, c.var.actor, profile.id)
      return {
        fragment: ClosedProfilePane({ ctx: viewContext(c), profile: fresh.ok ? fresh.value : profile }),
        status: message,
      }
    },
  })
}

billingProfilesRoutes.get('/:id', async (c) => {
  const profile = await ownProfile(c)
  if (!profile) return notFound(c)
  return c.html(ProfilePage({ ctx: viewContext(c), profile, status: takeFlash(c) }))
})

// One part of the profile, in its own pane.
function sectionOf(c: Ctx): ProfileSection | null {
  const s = c.req.param('section')
  return PROFILE_SECTIONS.find((x) => x === s) ?? null
}

function editProps(
  c: Ctx,
  profile: ProfileDetails,
  section: ProfileSection,
  body: Body | null,
  errors: FieldError[],
): EditProfileProps {
  const { line1, line2, city, postalCode, country } = profile.address
  const values: ProfileEditValues = body
    ? {
        name: str(body, 'name'),
        address: addressValues(body),
        poNumber: str(body, 'poNumber'),
        recipients: str(body, 'recipients', 2000),
        emailInvoices: body.emailInvoices === 'on',
      }
    : {
        name: profile.name,
        address: { line1, line2, city, postalCode, country },
        poNumber: profile.poNumber,
        recipients: profile.invoiceEmailRecipients.join(', '),
        emailInvoices: profile.emailInvoices,
      }
  return { ctx: viewContext(c), profileId: profile.id, section, values, errors }
}

/** The pane's form as the service's change. */
function parseChange(c: Ctx, section: ProfileSection, body: Body): Parsed<ProfileChange> {
  const t = c.var.t
  const as = <T>(parsed: Parsed<T>, change: (v: T) => ProfileChange): Parsed<ProfileChange> =>
    parsed.ok ? { ok: true, value: change(parsed.value) } : parsed
  switch (section) {
    case 'name':
      return as(parseWith(ProfileName, body, t), (v) => ({ section, name: v.name }))
    case 'address':
      return as(parseAddress(body, t), (address) => ({ section, address }))
    case 'po':
      return as(parseWith(PoNumber, body, t), (v) => ({ section, poNumber: v.poNumber }))
    case 'email':
      return as(parseInvoiceEmail(body, t), (v) => ({ section, ...v }))
  }
}

billingProfilesRoutes.get('/:id/edit/:section', async (c) => {
  const [profile, section] = [await ownProfile(c), sectionOf(c)]
  if (!profile || !section) return notFound(c)
  return showForm(c, EditForm, editProps(c, profile, section, null, []))
})

billingProfilesRoutes.post('/:id/edit/:section', async (c) => {
  const [profile, section] = [await ownProfile(c), sectionOf(c)]
  if (!profile || !section) return notFound(c)
  const body = await c.req.parseBody()
  const change = parseChange(c, section, body)
  if (!change.ok) return invalid(c, EditForm, editProps(c, profile, section, body, change.errors))
  const out = await updateBillingProfile(c.var.deps, c.var.actor, profile.id, change.value)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const errors = [{ field: 'recipients', message: c.var.t(INVOICE_EMAIL_MESSAGES[out.refusal]) }]
    return invalid(c, EditForm, editProps(c, profile, section, body, errors))
  }
  return changed(c, profile, c.var.t('profile.saved'))
})

// Replace: another saved card, or a new one.
async function replaceProps(
  c: Ctx,
  profile: ProfileDetails,
  body: Body | null,
  errors: FieldError[],
  formKey: string = randomUUID(),
): Promise<ReplaceCardProps> {
  const cards = await listPaymentMethods(c.var.deps, c.var.actor)
  const others = cards.ok ? cards.value.filter((card) => card.id !== profile.card?.id) : []
  return {
    ctx: viewContext(c),
    profileId: profile.id,
    current: profile.card,
    cards: others,
    formKey,
    choice: body ? str(body, 'payment') : others.length ? `saved:${others[0]!.id}` : 'new',
    values: body ? newCardValues(body) : EMPTY_CARD,
    errors,
  }
}

function parseChoice(c: Ctx, body: Body): Parsed<ReplaceChoice> {
  const payment = str(body, 'payment')
  const saved = payment.startsWith('saved:') ? Id.safeParse(payment.slice('saved:'.length)) : null
  if (saved?.success) return { ok: true, value: { kind: 'saved', paymentMethodId: saved.data } }
  if (payment !== 'new') return { ok: false, errors: [{ field: 'payment', message: c.var.t('replace.choose') }] }
  const card = parseNewCard(body, c.var.deps.clock.now(), c.var.t)
  return card.ok ? { ok: true, value: { kind: 'new', card: card.value } } : card
}

billingProfilesRoutes.get('/:id/payment-method', async (c) => {
  const profile = await ownProfile(c)
  if (!profile) return notFound(c)
  return showForm(c, ReplaceForm, await replaceProps(c, profile, null, []))
})

billingProfilesRoutes.post('/:id/payment-method', async (c) => {
  const profile = await ownProfile(c)
  if (!profile) return notFound(c)
  const body = await c.req.parseBody()
  const formKey = Id.safeParse(body.idempotencyKey).success ? String(body.idempotencyKey) : randomUUID()
  const choice = parseChoice(c, body)
  if (!choice.ok) return invalid(c, ReplaceForm, await replaceProps(c, profile, body, choice.errors, formKey))
  const out = await replacePaymentMethod(c.var.deps, c.var.actor, profile.id, choice.value, formKey)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const error =
      out.refusal === 'payment_method_not_found'
        ? { field: 'payment', message: c.var.t('replace.choose') }
        : { field: declineField(out.refusal), message: c.var.t(CARD_CHECK_MESSAGES[out.refusal]) }
    // A new key: the next try is a new check, whatever card it is.
    return invalid(c, ReplaceForm, await replaceProps(c, profile, body, [error]))
  }
  return changed(c, profile, c.var.t('replace.done', { card: cardText(viewContext(c), out.value.card) }))
})

// Edit the card this profile pays with (the same pane as Payment methods' Edit, back to this page).
async function profileCard(c: Ctx, profile: ProfileDetails) {
  if (!profile.card) return null
  const out = await getPaymentMethod(c.var.deps, c.var.actor, profile.card.id)
  return out.ok ? out.value : null
}

billingProfilesRoutes.get('/:id/payment-method/edit', async (c) => {
  const profile = await ownProfile(c)
  const card = profile && (await profileCard(c, profile))
  if (!profile || !card) return notFound(c)
  const props = {
    ctx: viewContext(c),
    card,
    action: editProfileCardUrl(profile.id),
    closeHref: profileUrl(profile.id),
    values: savedCardValues(card),
    errors: [],
  }
  return showForm(c, EditCardForm, props)
})

billingProfilesRoutes.post('/:id/payment-method/edit', async (c) => {
  const profile = await ownProfile(c)
  const card = profile && (await profileCard(c, profile))
  if (!profile || !card) return notFound(c)
  const body = await c.req.parseBody()
  const out = await saveCardEdit(c, card, body)
  if (out === 'not_found') return notFound(c)
  if (!out.saved) {
    const props = {
      ctx: viewContext(c),
      card,
      action: editProfileCardUrl(profile.id),
      closeHref: profileUrl(profile.id),
      values: cardEditOf(body),
      errors: out.errors,
    }
    return invalid(c, EditCardForm, props)
  }
  return changed(c, profile, c.var.t('paymentMethods.saved', { card: cardText(viewContext(c), card) }))
})
