import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { z } from 'zod'
import { EMPTY_ADDRESS } from '../../views/components/address-fields'
import type { FieldError } from '../../views/components/error-summary'
import { EMPTY_CARD } from '../../views/components/new-card-fields'
import { AddCardPage, AddCardPane, type AddCardProps } from '../../views/pages/payment-methods/add-card'
import { CardPage, CardPane, type CardProps } from '../../views/pages/payment-methods/card-pane'
import { DeleteCardPage, DeleteCardPane, type DeleteCardProps } from '../../views/pages/payment-methods/delete-card'
import { EditCardPage, EditCardPane, type EditCardProps } from '../../views/pages/payment-methods/edit-card'
import { cardText } from '../../views/pages/payment-methods/format'
import { ClosedCardsPane, PaymentMethodsPage } from '../../views/pages/payment-methods/payment-methods'
import { editPaymentMethodUrl, paymentMethodsUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { takeFlash } from '../http/flash'
import { done, type FormViews, invalid, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { CARD_CHECK_MESSAGES, CARD_EDIT_MESSAGES, CARD_PROBLEM_MESSAGES } from '../i18n/refusals'
import type { DeclineReason } from '../payments/gateway'
import { hasBilling } from '../services/billing/billing-accounts'
import { addPaymentMethod } from '../services/payment-methods/add-payment-method'
import { deletePaymentMethod } from '../services/payment-methods/delete-payment-method'
import { type CardEdit, checkCardEdit, editPaymentMethod } from '../services/payment-methods/edit-payment-method'
import {
  getPaymentMethod,
  listPaymentMethods,
  type PaymentMethodDetails,
} from '../services/payment-methods/payment-methods'
import {
  addressValues,
  type Body,
  both,
  declineField,
  newCardValues,
  parseAddress,
  parseNewCard,
  str,
} from './billing-forms'

/** Bills & payments → Payment methods (DESIGN §5, §10): the list, a card's pane, Edit, Add, Delete. */
export const paymentMethodsRoutes = signedInRoutes()
type Ctx = Context<SignedInEnv>

const AddForm: FormViews<AddCardProps> = { pane: AddCardPane, page: AddCardPage }
const CardView: FormViews<CardProps> = { pane: CardPane, page: CardPage }
const EditForm: FormViews<EditCardProps> = { pane: EditCardPane, page: EditCardPage }
const DeleteForm: FormViews<DeleteCardProps> = { pane: DeleteCardPane, page: DeleteCardPage }

const Id = z.uuid()

/** The :id card when it is the user's own; null for anything else (it answers 404). */
async function ownCard(c: Ctx): Promise<PaymentMethodDetails | null> {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return null
  const out = await getPaymentMethod(c.var.deps, c.var.actor, id.data)
  return out.ok ? out.value : null
}

/** After a change: back to the list with a message, or for htmx the pane closed and the list fresh. */
function changed(c: Ctx, message: string): Promise<Response> {
  return done(c, {
    redirect: paymentMethodsUrl(),
    flash: message,
    partial: async () => {
      const cards = await listPaymentMethods(c.var.deps, c.var.actor)
      return { fragment: ClosedCardsPane({ ctx: viewContext(c), cards: cards.ok ? cards.value : [] }), status: message }
    },
  })
}

paymentMethodsRoutes.get('/', async (c) => {
  const cards = await listPaymentMethods(c.var.deps, c.var.actor)
  if (!cards.ok) return notFound(c)
  return c.html(PaymentMethodsPage({ ctx: viewContext(c), cards: cards.value, status: takeFlash(c) }))
})

// Add a payment method → Credit or debit card.
function addProps(c: Ctx, body: Body, errors: FieldError[], formKey: string = randomUUID()): AddCardProps {
  return { ctx: viewContext(c), formKey, values: { ...newCardValues(body), address: addressValues(body) }, errors }
}

paymentMethodsRoutes.get('/new', (c) => {
  if (!hasBilling(c.var.actor)) return notFound(c)
  return showForm(c, AddForm, { ...addProps(c, {}, []), values: { ...EMPTY_CARD, address: EMPTY_ADDRESS } })
})

paymentMethodsRoutes.post('/new', async (c) => {
  if (!hasBilling(c.var.actor)) return notFound(c)
  const body = await c.req.parseBody()
  const formKey = Id.safeParse(body.idempotencyKey).success ? String(body.idempotencyKey) : randomUUID()
  const form = both(parseNewCard(body, c.var.deps.clock.now(), c.var.t), parseAddress(body, c.var.t))
  if (!form.ok) return invalid(c, AddForm, addProps(c, body, form.errors, formKey))
  const [card, address] = form.value
  const out = await addPaymentMethod(c.var.deps, c.var.actor, { card, address }, formKey)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    // A new key: the next try is a new check, whatever card it is.
    return invalid(c, AddForm, addProps(c, body, [declineError(c, out.refusal)]))
  }
  return changed(c, c.var.t('paymentMethods.added', { card: cardText(viewContext(c), out.value) }))
})

function declineError(c: Ctx, decline: DeclineReason): FieldError {
  return { field: declineField(decline), message: c.var.t(CARD_CHECK_MESSAGES[decline]) }
}

// A card's pane: what it is, what uses it, Edit and Delete.
paymentMethodsRoutes.get('/:id', async (c) => {
  const card = await ownCard(c)
  if (!card) return notFound(c)
  return showForm(c, CardView, { ctx: viewContext(c), card })
})

// Edit: shared with the billing profile's page, which posts to its own URL (routes/billing-profiles.ts).
/** The edit form as typed, to show again (the security code never). */
export function cardEditOf(body: Body): CardEdit {
  return {
    expMonth: str(body, 'expMonth', 4),
    expYear: str(body, 'expYear', 4),
    nameOnCard: str(body, 'nameOnCard'),
    address: addressValues(body),
    cvc: str(body, 'cvc', 8),
  }
}

/** The edit form's values for a card as saved. */
export function savedCardValues(card: PaymentMethodDetails): EditCardProps['values'] {
  const { line1, line2, city, postalCode, country } = card.address
  return {
    expMonth: String(card.expMonth).padStart(2, '0'),
    expYear: String(card.expYear),
    nameOnCard: card.nameOnCard,
    address: { line1, line2, city, postalCode, country },
  }
}

/** Each field's problem with an edit, in form order: the service checks the same again. */
export function cardEditErrors(c: Ctx, card: PaymentMethodDetails, body: Body): FieldError[] {
  const problems = checkCardEdit(cardEditOf(body), card.brand, c.var.deps.clock.now())
  const address = parseAddress(body, c.var.t)
  const problem = (field: 'expMonth' | 'expYear' | 'nameOnCard' | 'cvc') => {
    const p = problems[field]
    return p ? [{ field, message: c.var.t(CARD_PROBLEM_MESSAGES[p]) }] : []
  }
  return [
    ...problem('expMonth'),
    ...problem('expYear'),
    ...problem('nameOnCard'),
    ...(address.ok ? [] : address.errors),
    ...problem('cvc'),
  ]
}

/** Saves an edit through the service: saved, or the errors to show, or not_found (a 404). */
export async function saveCardEdit(
  c: Ctx,
  card: PaymentMethodDetails,
  body: Body,
): Promise<{ saved: true } | { saved: false; errors: FieldError[] } | 'not_found'> {
  const errors = cardEditErrors(c, card, body)
  const address = parseAddress(body, c.var.t)
  if (errors.length || !address.ok) return { saved: false, errors }
  const out = await editPaymentMethod(c.var.deps, c.var.actor, card.id, { ...cardEditOf(body), address: address.value })
  if (out.ok) return { saved: true }
  if (out.refusal === 'not_found') return 'not_found'
  const message = c.var.t(CARD_EDIT_MESSAGES[out.refusal])
  return { saved: false, errors: [{ field: String(out.details?.field ?? 'cvc'), message }] }
}

function editProps(c: Ctx, card: PaymentMethodDetails, body: Body | null, errors: FieldError[]): EditCardProps {
  const typed = body ? cardEditOf(body) : null
  return {
    ctx: viewContext(c),
    card,
    action: editPaymentMethodUrl(card.id),
    closeHref: paymentMethodsUrl(),
    values: typed ? { ...typed, address: typed.address } : savedCardValues(card),
    errors,
  }
}

paymentMethodsRoutes.get('/:id/edit', async (c) => {
  const card = await ownCard(c)
  if (!card) return notFound(c)
  return showForm(c, EditForm, editProps(c, card, null, []))
})

paymentMethodsRoutes.post('/:id/edit', async (c) => {
  const card = await ownCard(c)
  if (!card) return notFound(c)
  const body = await c.req.parseBody()
  const out = await saveCardEdit(c, card, body)
  if (out === 'not_found') return notFound(c)
  if (!out.saved) return invalid(c, EditForm, editProps(c, card, body, out.errors))
  return changed(c, c.var.t('paymentMethods.saved', { card: cardText(viewContext(c), card) }))
})

// Delete: the confirmation (or why it cannot be deleted), then the POST.
paymentMethodsRoutes.get('/:id/delete', async (c) => {
  const card = await ownCard(c)
  if (!card) return notFound(c)
  return showForm(c, DeleteForm, { ctx: viewContext(c), card })
})

paymentMethodsRoutes.post('/:id/delete', async (c) => {
  const card = await ownCard(c)
  if (!card) return notFound(c)
  const out = await deletePaymentMethod(c.var.deps, c.var.actor, card.id)
  if (out.ok) return changed(c, c.var.t('paymentMethods.deleted', { card: cardText(viewContext(c), out.value) }))
  if (out.refusal === 'not_found') return notFound(c)
  // Something started using it meanwhile: say what, as the confirmation would have.
  return invalid(c, DeleteForm, { ctx: viewContext(c), card: { ...card, usedBy: out.usedBy, canDelete: false } })
})
