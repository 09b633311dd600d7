import type { TakeOverReason } from '../services/admin/take-over-plan'
import type { cancellationReason, subscriptionStatus } from '../db/schema/subscriptions'
import type { billingStatus } from '../db/schema/billing'
import type { invoiceKind, invoiceStatus, invoiceType } from '../db/schema/invoices'
import type { CardBrand } from '../payments/card'
import type { SupportStatus } from '../services/support/list-support-requests'
import type { MessageKey } from './index'

// The words for each value of an enum the pages show. A Record, so a new value without words is
// a type error here rather than a key that does not exist at run time.

type ValueOf<E extends { enumValues: readonly string[] }> = E['enumValues'][number]

export const STATUS_LABELS: Record<ValueOf<typeof subscriptionStatus>, MessageKey> = {
  trial: 'status.trial',
  active: 'status.active',
  expired: 'status.expired',
  disabled: 'status.disabled',
  deleted: 'status.deleted',
}

export const BRAND_LABELS: Record<CardBrand, MessageKey> = {
  visa: 'brand.visa',
  mastercard: 'brand.mastercard',
  amex: 'brand.amex',
  discover: 'brand.discover',
  unknown: 'brand.unknown',
}

export const CANCELLATION_REASON_LABELS: Record<ValueOf<typeof cancellationReason>, MessageKey> = {
  too_expensive: 'cancel.reason.too_expensive',
  missing_features: 'cancel.reason.missing_features',
  switched_service: 'cancel.reason.switched_service',
  not_used_enough: 'cancel.reason.not_used_enough',
  customer_service: 'cancel.reason.customer_service',
  too_complex: 'cancel.reason.too_complex',
  quality: 'cancel.reason.quality',
  other: 'cancel.reason.other',
}

export const BILLING_STATUS_LABELS: Record<ValueOf<typeof billingStatus>, MessageKey> = {
  active: 'billingStatus.active',
  disabled: 'billingStatus.disabled',
}

const AGREEMENT_TYPE_LABELS = new Map<string, MessageKey>([['customer_agreement', 'agreement.customer_agreement']])

/** A billing account's agreement type (DESIGN §5: "Customer agreement", the only one there is). */
export function agreementLabel(type: string): MessageKey {
  return AGREEMENT_TYPE_LABELS.get(type) ?? 'agreement.customer_agreement'
}

export const INVOICE_KIND_LABELS: Record<ValueOf<typeof invoiceKind>, MessageKey> = {
  invoice: 'invoiceKind.invoice',
  credit_note: 'invoiceKind.credit_note',
}

/** "Invoice 12", "Credit note 13": a document by its kind and number. */
export const INVOICE_TITLES: Record<ValueOf<typeof invoiceKind>, MessageKey> = {
  invoice: 'invoice.title.invoice',
  credit_note: 'invoice.title.credit_note',
}

export const INVOICE_TYPE_LABELS: Record<ValueOf<typeof invoiceType>, MessageKey> = {
  purchase: 'invoiceType.purchase',
  convert: 'invoiceType.convert',
  add_quantity: 'invoiceType.add_quantity',
  remove_quantity: 'invoiceType.remove_quantity',
  cancel: 'invoiceType.cancel',
  renew: 'invoiceType.renew',
  reactivate: 'invoiceType.reactivate',
}

export const INVOICE_STATUS_LABELS: Record<ValueOf<typeof invoiceStatus>, MessageKey> = {
  paid: 'invoiceStatus.paid',
  due: 'invoiceStatus.due',
  failed: 'invoiceStatus.failed',
  credited: 'invoiceStatus.credited',
}

const PAYMENT_TERMS_LABELS = new Map<string, MessageKey>([['charged_to_card', 'paymentTerms.charged_to_card']])

/** An invoice's payment terms (the schema's only one: charged to the card when issued). */
export function paymentTermsLabel(terms: string): MessageKey {
  return PAYMENT_TERMS_LABELS.get(terms) ?? 'paymentTerms.charged_to_card'
}

/** A support request's status (DESIGN §9): the table's 'closed' reads as Resolved. */
export const SUPPORT_STATUS_LABELS: Record<SupportStatus, MessageKey> = {
  open: 'supportStatus.open',
  closed: 'supportStatus.closed',
}

/** Why an admin cancels a purchase they take over (DESIGN §8). */
export const TAKE_OVER_REASON_LABELS: Record<TakeOverReason, MessageKey> = {
  managed_centrally: 'takeOver.reason.managed_centrally',
  not_approved: 'takeOver.reason.not_approved',
  security_compliance: 'takeOver.reason.security_compliance',
  duplicate: 'takeOver.reason.duplicate',
  other: 'takeOver.reason.other',
}
