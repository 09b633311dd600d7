import { generatePeople } from '../../src/db/seed/names'
import { sandboxTokenFor } from '../../src/payments/sandbox-gateway'
import type { BenchProduct } from './catalog'
import { copyInto, type Sql } from './database'
import type { Random } from './random'

const DAY = 86_400_000

export type OrgSize = {
  members: number
  purchasers: number
  subscriptions: number
  assignments: number
  invoices: number
  auditEvents: number
}

/** A user already in the database (the demo's people), who keeps their row. */
export type ExistingUser = { id: string; email: string; displayName: string; kind: string; status: string }

export type OrgPlan = {
  orgId: string
  domain: string
  size: OrgSize
  country: 'FR' | 'DE'
  existing: ExistingUser[]
  /** Purchaser 0, with the subscription of `bigAssigned` users (Léa in Fabrikam). */
  lead?: { user: ExistingUser; bigAssigned: number }
}

type Ctx = { sql: Sql; random: Random; now: Date; passwordHash: string; products: BenchProduct[] }

type Person = { id: string; email: string; displayName: string; member: boolean; active: boolean }
type Billing = { profileId: string; cardId: string }

const CITIES: Record<'FR' | 'DE', readonly (readonly [string, string])[]> = {
  FR: [
    ['Paris', '75011'],
    ['Lyon', '69003'],
    ['Lille', '59000'],
    ['Nantes', '44000'],
    ['Bordeaux', '33000'],
  ],
  DE: [
    ['Berlin', '10115'],
    ['München', '80331'],
    ['Hamburg', '20095'],
  ],
} as const
const TAX_BP = { FR: 2000, DE: 1900 } as const
const BRANDS = [
  ['visa', '4242'],
  ['mastercard', '4444'],
  ['amex', '0005'],
] as const
const REASONS = ['too_expensive', 'missing_features', 'not_used_enough', 'switched_service', 'other'] as const

/**
 * The people, billing accounts, cards, profiles and subscriptions of one organization, written with
 * COPY, plus what the SQL that makes the large tables needs (bench_tmp.subs, .colleagues, .purchasers).
 */
export async function writeOrganization(ctx: Ctx, plan: OrgPlan): Promise<void> {
  const { random, now } = ctx
  const people = await writePeople(ctx, plan)
  const existingIds = new Set(plan.existing.map((e) => e.id))
  const candidates = people.filter((p) => p.member && p.active && !existingIds.has(p.id))
  const wanted = plan.size.purchasers - (plan.lead ? 1 : 0)
  const step = Math.floor(candidates.length / wanted)
  const purchasers: Person[] = plan.lead ? [people.find((p) => p.id === plan.lead!.user.id)!] : []
  for (let j = 0; j < wanted; j++) purchasers.push(candidates[j * step]!)
  const purchaserIds = new Set(purchasers.map((p) => p.id))
  const colleagues = people.filter((p) => p.member && p.active && !purchaserIds.has(p.id))
  await copyInto(
    ctx.sql,
    'bench_tmp.colleagues',
    ['org_id', 'n', 'id'],
    colleagues.map((p, n) => [plan.orgId, n, p.id]),
  )

  const billings = await writeBilling(ctx, plan, purchasers)
  const perPurchaser = Math.floor(plan.size.subscriptions / purchasers.length)
  const subs: unknown[][] = []
  const tmp: unknown[][] = []
  const billed = new Array<number>(purchasers.length).fill(0)
  const plans = purchasers.flatMap((_, j) =>
    Array.from({ length: perPurchaser }, (_, k) => ({ j, kind: subscriptionKind(plan, j, k, random) })),
  )
  const assigned = spreadAssignments(plan, plans, random)
  const trialProducts = ctx.products.filter((p) => p.trialOffer !== 'none')
  plans.forEach(({ j, kind }, n) => {
    const product =
      kind === 'big'
        ? ctx.products.find((p) => p.code === 'SEC-PLUS')!
        : kind === 'trial'
          ? random.pick(trialProducts)
          : random.pick(ctx.products)
    const row = subscriptionRow(ctx, plan, kind, product, purchasers[j]!, billings[j]!, assigned[n]!)
    subs.push(row.values)
    const billK = row.cardLess ? null : billed[j]!++
    const offset = random.int(0, colleagues.length - 1)
    tmp.push([
      plan.orgId,
      row.id,
      n,
      purchasers[j]!.id,
      j,
      billK,
      assigned[n],
      offset,
      colleagues.length,
      row.createdAt,
      row.unitPrice,
      row.quantity,
      row.frequency,
      product.nameEn,
    ])
  })
  await copyInto(ctx.sql, 'subscriptions', SUBSCRIPTION_COLUMNS, subs)
  await copyInto(ctx.sql, 'bench_tmp.subs', TMP_SUB_COLUMNS, tmp)

  const perInvoices = Math.floor(plan.size.invoices / purchasers.length)
  await copyInto(
    ctx.sql,
    'bench_tmp.purchasers',
    ['org_id', 'n', 'profile_id', 'billed', 'invoices', 'tax_bp', 'snapshot', 'brand', 'last4'],
    purchasers.map((_, j) => {
      const b = billings[j]!
      return [plan.orgId, j, b.profileId, billed[j], perInvoices, TAX_BP[plan.country], b.snapshot, b.brand, b.last4]
    }),
  )
  await ctx.sql`
    insert into bench_tmp.orgs (org_id, subscriptions, audit_events, now)
    values (${plan.orgId}, ${plans.length}, ${plan.size.auditEvents}, ${now})`
}

async function writePeople(ctx: Ctx, plan: OrgPlan): Promise<Person[]> {
  const { random } = ctx
  const existing: Person[] = plan.existing.map((u) => ({
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    member: u.kind === 'member',
    active: u.status === 'active',
  }))
  const generated = generatePeople({
    count: Math.max(0, plan.size.members - existing.length),
    seed: random.int(1, 2 ** 31),
    frenchShare: plan.country === 'FR' ? 0.6 : 0.15,
    takenLocals: new Set(plan.existing.map((u) => u.email.split('@')[0]!.toLowerCase())),
    reservedNames: new Set(plan.existing.map((u) => u.displayName)),
  })
  const joined = ctx.now.getTime() - 800 * DAY
  const rows: unknown[][] = []
  const people = generated.map((g, i) => {
    const guest = i % 211 === 100
    const disabled = i % 97 === 50
    const person = {
      id: random.uuid(),
      email: `${g.emailLocal}@${plan.domain}`,
      displayName: g.displayName,
      member: !guest,
      active: !disabled,
    }
    const createdAt = new Date(joined + i * 1000)
    rows.push([
      person.id,
      plan.orgId,
      g.displayName,
      person.email,
      guest ? 'guest' : 'member',
      disabled ? 'disabled' : 'active',
      g.language,
      ctx.passwordHash,
      createdAt,
    ])
    return person
  })
  const columns = ['id', 'org_id', 'display_name', 'email', 'kind', 'status', 'language', 'password_hash', 'created_at']
  await copyInto(ctx.sql, 'users', columns, rows)
  return [...existing, ...people]
}

type BillingRow = Billing & { snapshot: object; brand: string; last4: string }

async function writeBilling(ctx: Ctx, plan: OrgPlan, purchasers: Person[]): Promise<BillingRow[]> {
  const { random } = ctx
  const accounts: unknown[][] = []
  const cards: unknown[][] = []
  const profiles: unknown[][] = []
  const perInvoices = Math.floor(plan.size.invoices / purchasers.length)
  const createdAt = new Date(ctx.now.getTime() - 800 * DAY)
  const out = purchasers.map((p, j) => {
    const [city, postalCode] = random.pick(CITIES[plan.country])
    const address = [`${random.int(1, 120)} rue du Commerce`, '', city, postalCode, '', plan.country]
    const [brand, last4] = random.pick(BRANDS)
    const accountId = random.uuid()
    const cardId = random.uuid()
    const profileId = random.uuid()
    // Léa keeps her demo account; her team's subscriptions are billed to a second one.
    const name = plan.lead && j === 0 ? `${p.displayName} (team)` : p.displayName
    accounts.push([accountId, plan.orgId, p.id, name, ...address, createdAt])
    const token = sandboxTokenFor(`bench:${plan.domain}:${j}`)
    cards.push([
      cardId,
      plan.orgId,
      p.id,
      brand,
      last4,
      12,
      ctx.now.getUTCFullYear() + 2,
      p.displayName,
      ...address,
      token,
      createdAt,
    ])
    profiles.push([
      profileId,
      plan.orgId,
      accountId,
      name,
      'EUR',
      ...address,
      p.email,
      true,
      cardId,
      perInvoices + 1,
      createdAt,
    ])
    const snapshot = { name, line1: address[0], line2: '', city, postalCode, region: '', country: plan.country }
    return { profileId, cardId, snapshot, brand, last4 }
  })
  const addr = (prefix: string) =>
    ['line1', 'line2', 'city', 'postal_code', 'region', 'country'].map((c) => `${prefix}_${c}`)
  await copyInto(
    ctx.sql,
    'billing_accounts',
    ['id', 'org_id', 'owner_id', 'name', ...addr('sold_to'), 'created_at'],
    accounts,
  )
  await copyInto(
    ctx.sql,
    'payment_methods',
    [
      'id',
      'org_id',
      'owner_id',
      'brand',
      'last4',
      'exp_month',
      'exp_year',
      'name_on_card',
      ...addr('billing'),
      'gateway_token',
      'created_at',
    ],
    cards,
  )
  await copyInto(
    ctx.sql,
    'billing_profiles',
    [
      'id',
      'org_id',
      'billing_account_id',
      'name',
      'currency',
      ...addr('bill_to'),
      'invoice_email_recipients',
      'email_invoices',
      'payment_method_id',
      'next_invoice_number',
      'created_at',
    ],
    profiles,
  )
  return out
}

type Kind = 'big' | 'trial' | 'active' | 'expired' | 'disabled'

/** Purchaser 0's first subscription is the big one (when the plan has a lead); every other purchaser's
 *  first is a trial (one trial per product and person, DESIGN §3); the rest mostly active. */
function subscriptionKind(plan: OrgPlan, j: number, k: number, random: Random): Kind {
  if (k === 0) return plan.lead && j === 0 ? 'big' : 'trial'
  const r = random.next()
  return r < 0.06 ? 'expired' : r < 0.1 ? 'disabled' : 'active'
}

/** Licence holders per subscription, adding up to the plan's total exactly (DESIGN §4: at most 25 in a trial). */
function spreadAssignments(plan: OrgPlan, plans: { kind: Kind }[], random: Random): number[] {
  const out = plans.map((p) => (p.kind === 'big' ? plan.lead!.bigAssigned : p.kind === 'trial' ? random.int(1, 25) : 0))
  const regular = plans.map((p, n) => (p.kind === 'big' || p.kind === 'trial' ? -1 : n)).filter((n) => n >= 0)
  const rest = plan.size.assignments - out.reduce((a, b) => a + b, 0)
  const base = Math.floor(rest / regular.length)
  regular.forEach((n, i) => {
    out[n] = base + (i < rest % regular.length ? 1 : 0)
  })
  for (let i = 0; i + 1 < regular.length; i += 2) {
    const d = random.int(0, base - 1)
    out[regular[i]!]! += d
    out[regular[i + 1]!]! -= d
  }
  return out
}

const SUBSCRIPTION_COLUMNS = [
  'id',
  'org_id',
  'product_id',
  'purchaser_id',
  'billing_profile_id',
  'payment_method_id',
  'status',
  'quantity',
  'billing_frequency',
  'unit_price',
  'currency',
  'source',
  'term_start',
  'term_end',
  'auto_renew',
  'started_as_trial',
  'trial_ends_at',
  'pending_quantity',
  'status_changed_at',
  'cancellation_reason',
  'cancelled_at',
  'idempotency_key',
  'created_at',
  'updated_at',
]
const TMP_SUB_COLUMNS = [
  'org_id',
  'id',
  'n',
  'purchaser_id',
  'purchaser_n',
  'bill_k',
  'assigned',
  'colleague_offset',
  'colleague_count',
  'created_at',
  'unit_price',
  'quantity',
  'frequency',
  'product_name',
]

function subscriptionRow(
  ctx: Ctx,
  plan: OrgPlan,
  kind: Kind,
  product: BenchProduct,
  purchaser: Person,
  billing: Billing,
  assigned: number,
) {
  const { random, now } = ctx
  const id = random.uuid()
  const days = (n: number) => new Date(now.getTime() + n * DAY + random.int(0, 23) * 3_600_000)
  const annual = kind === 'big' || (kind !== 'trial' && random.next() < 0.3)
  const frequency = annual ? 'annual' : 'monthly'
  const unitPrice = annual ? product.annualPrice : product.monthlyPrice
  const back = (end: Date) => (annual ? addMonths(end, -12) : addMonths(end, -1))
  let quantity = kind === 'trial' ? 25 : Math.min(product.maxQuantity, assigned + random.int(0, 10))
  if (kind === 'big') quantity = Math.round(assigned * 1.1)
  let termEnd: Date
  let statusChangedAt: Date
  let trialEndsAt: Date | null = null
  let cancelled: [string, Date] | null = null
  let pending: number | null = null
  const status = kind === 'big' ? 'active' : kind
  if (kind === 'trial') {
    termEnd = trialEndsAt = days(random.int(1, 29))
    statusChangedAt = new Date(termEnd.getTime() - 30 * DAY)
  } else if (kind === 'expired') {
    termEnd = days(-random.int(1, 29))
    statusChangedAt = termEnd
    cancelled = [random.pick(REASONS), new Date(termEnd.getTime() - 20 * DAY)]
  } else if (kind === 'disabled') {
    termEnd = days(-random.int(31, 110))
    statusChangedAt = new Date(termEnd.getTime() + 30 * DAY)
  } else {
    termEnd = days(kind === 'big' ? 200 : random.int(1, annual ? 365 : 30))
    statusChangedAt = back(termEnd)
    if (random.next() < 0.03 && quantity > assigned) pending = Math.max(assigned, quantity - random.int(1, 3))
  }
  const termStart = kind === 'trial' ? statusChangedAt : back(termEnd)
  // Bought before the two years of invoices began (a trial: when it started).
  const createdAt = kind === 'trial' ? termStart : days(-random.int(740, 790))
  const cardLess = kind === 'trial' && product.trialOffer === 'without_payment_method'
  const values = [
    id,
    plan.orgId,
    product.id,
    purchaser.id,
    cardLess ? null : billing.profileId,
    cardLess ? null : billing.cardId,
    status,
    quantity,
    frequency,
    kind === 'trial' ? product.monthlyPrice : unitPrice,
    'EUR',
    'self_service',
    termStart,
    termEnd,
    kind === 'active' || kind === 'big' || kind === 'trial',
    kind === 'trial',
    trialEndsAt,
    pending,
    statusChangedAt,
    cancelled?.[0] ?? null,
    cancelled?.[1] ?? null,
    random.uuid(),
    createdAt,
    statusChangedAt,
  ]
  return { id, values, cardLess, createdAt, unitPrice, quantity, frequency }
}

function addMonths(at: Date, months: number): Date {
  const d = new Date(at)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d
}
