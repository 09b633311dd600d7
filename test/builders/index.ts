import { randomUUID } from 'node:crypto'
import type { Db } from '../../src/db/client'
import {
  billingAccounts,
  billingProfiles,
  licenseAssignments,
  organizations,
  paymentMethods,
  policies,
  products,
  subscriptions,
  users,
} from '../../src/db/schema/index'
import { sandboxTokenFor } from '../../src/payments/sandbox-gateway'
import { checkCard, type CardInput } from '../../src/payments/card'
import { hashPassword, type ScryptParams } from '../../src/services/auth/password'
import { termEnd } from '../../src/money/proration'
import type { Actor } from '../../src/services/deps'

// Builders for tests: each makes one valid row with sensible defaults; pass only what matters.
export const PASSWORD = 'correct horse battery'

/** scrypt at N=2^10 (p=1) instead of production's N=2^15, p=3: about 1 ms a hash instead of
 *  ~300 ms, which dominated every test that signs in. Hashes carry their parameters, so sign-in
 *  verifies these as it does production ones; test/unit/password.test.ts checks the production
 *  parameters. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 }
let passwordHash: Promise<string> | undefined
const hashed = () => (passwordHash ??= hashPassword(PASSWORD, TEST_SCRYPT))

const unique = () => randomUUID().slice(0, 8)

export async function anOrganization(db: Db, over: Partial<typeof organizations.$inferInsert> = {}) {
  const [org] = await db
    .insert(organizations)
    .values({ name: `Org ${unique()}`, domain: `${unique()}.example`, ...over })
    .returning()
  return org!
}

export async function aUser(db: Db, orgId: string, over: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db
    .insert(users)
    .values({
      orgId,
      displayName: `User ${unique()}`,
      email: `user.${unique()}@example.test`,
      passwordHash: await hashed(),
      ...over,
    })
    .returning()
  return user!
}

export const aMember = aUser

export function actorOf(user: typeof users.$inferSelect): Actor {
  return {
    id: user.id,
    orgId: user.orgId,
    displayName: user.displayName,
    email: user.email,
    kind: user.kind,
    role: user.role,
    language: user.language,
  }
}

export async function aProduct(db: Db, over: Partial<typeof products.$inferInsert> = {}) {
  const code = over.code ?? `P-${unique()}`
  const [product] = await db
    .insert(products)
    .values({
      code,
      nameEn: `Product ${code}`,
      nameFr: `Produit ${code}`,
      descriptionEn: 'A product.',
      descriptionFr: 'Un produit.',
      currency: 'EUR',
      monthlyPrice: 1000,
      annualPrice: 10000,
      ...over,
    })
    .returning()
  return product!
}

export async function aSubscription(
  db: Db,
  o: { orgId: string; purchaserId: string; productId: string; at: Date; assignedUserIds?: string[] } & Partial<
    typeof subscriptions.$inferInsert
  >,
) {
  const { assignedUserIds = [], at, ...over } = o
  const frequency = over.billingFrequency ?? 'monthly'
  const [sub] = await db
    .insert(subscriptions)
    .values({
      status: 'active',
      quantity: 10,
      billingFrequency: frequency,
      unitPrice: 1000,
      currency: 'EUR',
      termStart: at,
      termEnd: termEnd(at, frequency),
      statusChangedAt: at,
      createdAt: at,
      updatedAt: at,
      ...over,
    })
    .returning()
  if (assignedUserIds.length) {
    await db
      .insert(licenseAssignments)
      .values(assignedUserIds.map((userId) => ({ orgId: o.orgId, subscriptionId: sub!.id, userId, assignedAt: at })))
  }
  return sub!
}

export async function aBillingProfile(
  db: Db,
  owner: { id: string; orgId: string; displayName: string },
  over: { country?: string; currency?: string } = {},
) {
  const address = {
    line1: '1 rue de la Paix',
    line2: '',
    city: 'Paris',
    postalCode: '75002',
    region: '',
    country: over.country ?? 'FR',
  }
  const [account] = await db
    .insert(billingAccounts)
    .values({
      orgId: owner.orgId,
      ownerId: owner.id,
      name: owner.displayName,
      ...address,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    })
    .returning()
  const [profile] = await db
    .insert(billingProfiles)
    .values({
      orgId: owner.orgId,
      billingAccountId: account!.id,
      name: owner.displayName,
      currency: over.currency ?? 'EUR',
      ...address,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    })
    .returning()
  return profile!
}

export async function aPolicy(
  db: Db,
  orgId: string,
  productId: string,
  setting: 'allowed' | 'trials_only' | 'blocked',
) {
  await db.insert(policies).values({ orgId, productId, setting, updatedAt: new Date('2026-01-01T00:00:00Z') })
}

/** Card input as a user types it; the sandbox's outcome follows the number (DESIGN §5). */
export function aCard(number = '4242 4242 4242 4242', over: Partial<CardInput> = {}): CardInput {
  return { number, expMonth: '12', expYear: '2030', cvc: '123', nameOnCard: 'Léa Martin', ...over }
}

/** A new card as a service's payment choice: typed, then checked as the checkout checks it. */
export function aNewCardPayment(now: Date, number = '4242 4242 4242 4242') {
  const checked = checkCard(aCard(number), now)
  if (!checked.ok) throw new Error('bad test card')
  return { kind: 'new' as const, card: checked.card }
}

/** A saved card the sandbox gateway charges successfully (or declines, with a decline token). */
export async function aCardOnFile(db: Db, owner: { id: string; orgId: string }, token = sandboxTokenFor(randomUUID())) {
  const [pm] = await db
    .insert(paymentMethods)
    .values({
      orgId: owner.orgId,
      ownerId: owner.id,
      brand: 'visa',
      last4: '4242',
      expMonth: 12,
      expYear: 2030,
      nameOnCard: 'Card Holder',
      line1: '1 rue de la Paix',
      city: 'Paris',
      postalCode: '75002',
      country: 'FR',
      gatewayToken: token,
      createdAt: new Date('2026-01-01T00:00:00Z'),
    })
    .returning()
  return pm!
}
