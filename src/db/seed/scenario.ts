import type { billingFrequency, cancellationReason, language } from '../schema/index'

// The demo is told as stories ("Léa bought 80 licences five months ago and added 20 since"),
// so the data reads like a real history; timeline.ts turns each story into rows and invoices.

export type Language = (typeof language.enumValues)[number]
export type BillingFrequency = (typeof billingFrequency.enumValues)[number]
export type CancellationReason = (typeof cancellationReason.enumValues)[number]

/** Someone the demo names; everyone else comes from the name generator. */
export type DemoPerson = {
  displayName: string
  email: string
  language: Language
  kind?: 'member' | 'guest'
  role?: 'user' | 'admin'
}

export type DemoAddress = {
  line1: string
  line2?: string
  city: string
  postalCode: string
  region?: string
  country: string
}

export type DemoCard = { brand: string; last4: string; expMonth: number; yearsAhead: number; gatewayToken: string }

/** A trial that is still running, or a card-less one that has ended (DESIGN §3: it never converts). */
export type TrialStory = {
  kind: 'trial'
  product: string
  startDaysAgo: number
  /** Licence holders, the purchaser included. */
  assigned: number
}

export type PaidStory = {
  kind: 'paid'
  product: string
  frequency: BillingFrequency
  /** Licences today. */
  quantity: number
  /** Licence holders today, the purchaser included. */
  assigned: number
  /** When it began: the purchase, or the trial's start when `fromTrial`. */
  startDaysAgo: number
  /** Began as a trial with a card and converted at its end (invoice Convert). */
  fromTrial?: boolean
  /** Bought `from` licences first and changed to `quantity` this many days after the first paid term began. */
  quantityChange?: { from: number; daysAfterStart: number }
  /** A removal scheduled for the renewal date (DESIGN §3: after the credit window). */
  pendingQuantity?: { to: number; daysAgo: number }
  cancel?: { reason: CancellationReason; feedback?: string; daysAfterStart: number }
  /** `admin` for one an admin bought centrally for the organization (DESIGN §3); self-service by default. */
  source?: 'self_service' | 'admin'
}

export type SubscriptionStory = TrialStory | PaidStory

export type PurchaserStory = {
  email: string
  /** Absent for someone who only ever tried card-less trials. */
  billing?: { accountName: string; address: DemoAddress; taxId?: string; card: DemoCard }
  subscriptions: SubscriptionStory[]
}

export type OrgScenario = {
  name: string
  domain: string
  createdDaysAgo: number
  /** The named people; the first admin among them sets the policies. */
  people: DemoPerson[]
  generated: { count: number; seed: number; frenchShare: number; disabled: number }
  purchasers: PurchaserStory[]
  policies: { product: string; setting: 'trials_only' | 'blocked'; daysAgo: number }[]
}
