// The audit events the portal writes (DESIGN §8), so the audit log can offer them as a filter and name
// them in both languages (src/i18n/audit-labels.ts). An event whose action is not listed here is still
// shown, by its code; test/unit/audit-actions.test.ts fails when a service writes an unlisted one.

export const AUDIT_ACTIONS = [
  'session.signed_in',
  'session.signed_out',
  'user.language_changed',
  'subscription.purchased',
  'purchase.declined',
  'subscription.trial_started',
  'trial.started',
  'subscription.converted',
  'trial.converted',
  'subscription.trial_converted',
  'subscription.convert_declined',
  'subscription.trial_conversion_failed',
  'subscription.trial_expired',
  'subscription.licenses_added',
  'subscription.add_licenses_declined',
  'subscription.licenses_removed',
  'subscription.licenses_removal_scheduled',
  'subscription.licenses_removal_withdrawn',
  'subscription.cancelled',
  'subscription.auto_renew_on',
  'subscription.auto_renew_off',
  'subscription.reactivated',
  'subscription.payment_method_changed',
  'subscription.renewed',
  'subscription.renewal_failed',
  'subscription.expired',
  'subscription.disabled',
  'subscription.deleted',
  'subscription.taken_over',
  'licenses.assigned',
  'licenses.unassigned',
  'licenses.moved_in',
  'billing_account.created',
  'billing_account.updated',
  'billing_profile.created',
  'billing_profile.name_changed',
  'billing_profile.address_changed',
  'billing_profile.po_changed',
  'billing_profile.email_changed',
  'billing_profile.payment_method_replaced',
  'payment_method.added',
  'payment_method.updated',
  'payment_method.deleted',
  'payment.settled_refunded',
  'payment.settled_nothing_taken',
  'policy.changed',
  'organization.new_product_policy_changed',
  'support_request.filed',
  'support_request.resolved',
  'support_request.reopened',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export function isAuditAction(code: string): code is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(code)
}

/** What an event is about (its entity_type). */
export const AUDIT_ENTITY_TYPES = [
  'subscription',
  'product',
  'user',
  'organization',
  'billing_account',
  'billing_profile',
  'payment_method',
  'payment',
  'support_request',
] as const

export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number]

export function isAuditEntityType(code: string): code is AuditEntityType {
  return (AUDIT_ENTITY_TYPES as readonly string[]).includes(code)
}
