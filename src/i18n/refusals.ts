import type { TakeOverRefusal } from '../services/admin/take-over'
import type { DeclineReason } from '../payments/gateway'
import type { CardProblem } from '../payments/card'
import type { AssignRefusal } from '../services/licenses/assign-licenses'
import type { unassignLicenses } from '../services/licenses/unassign-licenses'
import type { PurchaseRefusal } from '../services/purchase/purchase-subscription'
import type { TrialRefusal } from '../services/purchase/start-trial'
import type { InvoiceEmailRefusal } from '../services/billing/add-billing-profile'
import type { CancelRefusal } from '../services/subscriptions/cancel-subscription'
import type { ChangeRefusal } from '../services/subscriptions/change-licenses'
import type { ConvertRefusal } from '../services/subscriptions/convert-trial'
import type { LicensePlan } from '../services/subscriptions/license-change-plan'
import type { ReactivateRefusal } from '../services/subscriptions/reactivate-subscription'
import type { FileRefusal } from '../services/support/file-support-request'
import type { ReopenRefusal, ResolveRefusal } from '../services/support/resolve-support-request'
import type { MessageKey } from './index'

// Each service refusal, by area, and the catalog key that says it (STYLE §3: refusal codes
// become words only through the catalog). A Record, so a new refusal without a message is a
// type error here, not an untranslated key at run time. `not_found` is never shown: it is a 404.

type Shown<R extends string> = Exclude<R, 'not_found'>
/** The refusal codes a service function can answer with. */
type RefusalOf<F extends (...args: never[]) => Promise<{ ok: boolean }>> =
  Extract<Awaited<ReturnType<F>>, { ok: false }> extends { refusal: infer R extends string } ? R : never

export const DECLINE_MESSAGES: Record<DeclineReason, MessageKey> = {
  card_declined: 'decline.card_declined',
  insufficient_funds: 'decline.insufficient_funds',
  expired_card: 'decline.expired_card',
  incorrect_cvc: 'decline.incorrect_cvc',
  processing_error: 'decline.processing_error',
}

/** A gateway's decline (the form then gets a fresh key: the next try is a new charge). */
export const isDecline = (refusal: string): boolean => refusal in DECLINE_MESSAGES

export const CARD_PROBLEM_MESSAGES: Record<CardProblem, MessageKey> = {
  number_required: 'card.number_required',
  number_invalid: 'card.number_invalid',
  exp_month_invalid: 'card.exp_month_invalid',
  exp_year_invalid: 'card.exp_year_invalid',
  expired: 'card.expired',
  cvc_required: 'card.cvc_required',
  cvc_invalid: 'card.cvc_invalid',
  name_required: 'card.name_required',
}

/** Buy (checkout) and Start trial share one page frame and most refusals. */
export const PURCHASE_REFUSAL_MESSAGES: Record<Shown<PurchaseRefusal | TrialRefusal>, MessageKey> = {
  ...DECLINE_MESSAGES,
  guest: 'refusal.guest',
  blocked: 'refusal.blocked',
  trials_only: 'refusal.trials_only',
  trial_used: 'refusal.trial_used',
  no_trial: 'refusal.no_trial',
  billing_required: 'refusal.billing_required',
  quantity_too_high: 'refusal.quantity',
  profile_not_found: 'refusal.profile_not_found',
  currency_mismatch: 'refusal.currency_mismatch',
  payment_method_not_found: 'refusal.payment_method_not_found',
  total_changed: 'checkout.totalChanged',
  key_reused: 'refusal.key_reused',
}

export const CHANGE_REFUSAL_MESSAGES: Record<Shown<ChangeRefusal>, MessageKey> = {
  ...DECLINE_MESSAGES,
  not_changeable: 'change.not_changeable',
  trial: 'change.trial',
  cancelled: 'change.cancelled',
  out_of_range: 'change.out_of_range',
  below_assigned: 'change.below_assigned',
  renewal_due: 'change.renewal_due',
  no_renewal: 'change.no_renewal',
  no_payment_method: 'change.no_payment_method',
  changed_meanwhile: 'change.changed_meanwhile',
  key_reused: 'change.key_reused',
}

/** What the details page says after a licence change, by the kind of change made. */
export const CHANGE_DONE_MESSAGES: Record<LicensePlan['kind'], MessageKey> = {
  add: 'change.done.add',
  remove_now: 'change.done.remove_now',
  schedule: 'change.done.schedule',
  withdraw: 'change.done.withdraw',
  unchanged: 'change.done.unchanged',
}

export const CANCEL_REFUSAL_MESSAGES: Record<Shown<CancelRefusal>, MessageKey> = {
  already_cancelled: 'cancel.already_cancelled',
  not_cancellable: 'cancel.not_cancellable',
  reason_required: 'cancel.reason_required',
  feedback_too_long: 'cancel.feedback_too_long',
}

export const CONVERT_REFUSAL_MESSAGES: Record<Shown<ConvertRefusal>, MessageKey> = {
  ...DECLINE_MESSAGES,
  not_a_trial: 'refusal.not_a_trial',
  cancelled: 'refusal.cancelled',
  no_payment_method: 'refusal.no_payment_method',
}

export const REACTIVATE_REFUSAL_MESSAGES: Record<Shown<ReactivateRefusal>, MessageKey> = {
  ...DECLINE_MESSAGES,
  not_reactivatable: 'reactivate.not_reactivatable',
  no_payment_method: 'refusal.no_payment_method',
}

export const ASSIGN_REFUSAL_MESSAGES: Record<Shown<AssignRefusal>, MessageKey> = {
  none_chosen: 'assign.none_chosen',
  too_many_at_once: 'assign.too_many_at_once',
  not_assignable: 'assign.not_assignable',
  invalid_users: 'assign.invalid_users',
  not_enough_licenses: 'assign.not_enough_licenses',
}

export const UNASSIGN_REFUSAL_MESSAGES: Record<Shown<RefusalOf<typeof unassignLicenses>>, MessageKey> = {
  none_chosen: 'unassign.none_chosen',
  too_many_at_once: 'unassign.too_many_at_once',
}

/** The gateway's answer when it checks a card being added, edited or put on a profile (nothing saved). */
export const CARD_CHECK_MESSAGES: Record<DeclineReason, MessageKey> = {
  card_declined: 'paymentMethods.decline.card_declined',
  insufficient_funds: 'paymentMethods.decline.insufficient_funds',
  expired_card: 'paymentMethods.decline.expired_card',
  incorrect_cvc: 'paymentMethods.decline.incorrect_cvc',
  processing_error: 'paymentMethods.decline.processing_error',
}

/** "Get invoices in email" and its recipients (billing profiles). */
export const INVOICE_EMAIL_MESSAGES: Record<InvoiceEmailRefusal, MessageKey> = {
  recipients_required: 'profile.recipients_required',
  too_many_recipients: 'profile.too_many_recipients',
}

/** Edit a payment method: a field's problem, or the gateway's answer to the security code. */
export const CARD_EDIT_MESSAGES: Record<CardProblem | DeclineReason, MessageKey> = {
  ...CARD_PROBLEM_MESSAGES,
  ...CARD_CHECK_MESSAGES,
}

/** Contact support: each field's problem, and a subscription that is not one of the user's own. */
export const CONTACT_REFUSAL_MESSAGES: Record<FileRefusal, MessageKey> = {
  subject_required: 'contact.subject_required',
  subject_too_long: 'contact.subject_too_long',
  message_required: 'contact.message_required',
  message_too_long: 'contact.message_too_long',
  unknown_subscription: 'contact.unknown_subscription',
}

/** Mark resolved and Reopen, when another admin got there first. */
export const SUPPORT_STATUS_REFUSAL_MESSAGES: Record<Shown<ResolveRefusal | ReopenRefusal>, MessageKey> = {
  already_resolved: 'supportRequest.already_resolved',
  not_resolved: 'supportRequest.not_resolved',
}

/** Take over (admin, DESIGN §8). */
export const TAKE_OVER_REFUSAL_MESSAGES: Record<Shown<TakeOverRefusal>, MessageKey> = {
  already_deleted: 'takeOver.already_deleted',
  target_unavailable: 'takeOver.target_unavailable',
  not_enough_licenses: 'takeOver.not_enough_licenses',
  reason_required: 'takeOver.reason_required',
  note_required: 'takeOver.note_required',
  note_too_long: 'takeOver.note_too_long',
}
