import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { fixedClock } from '../../../src/clock'
import { type Database, openDatabase } from '../../../src/db/client'
import {
  billingProfiles,
  invoices,
  paymentMethods,
  sandboxGatewayCalls,
  subscriptions,
} from '../../../src/db/schema/index'
import { checkCard } from '../../../src/payments/card'
import { replacePaymentMethod } from '../../../src/services/payment-methods/replace-payment-method'
import {
  aBillingProfile,
  aCard,
  aCardOnFile,
  actorOf,
  anOrganization,
  aProduct,
  aSubscription,
  aUser,
} from '../../builders/index'
import { DATABASE_KINDS, freshPostgresUrl } from '../../support/databases'
import { testDeps } from '../../support/deps'

const run = promisify(execFile)

/** A database another process can open too: a PGlite folder, or a PostgreSQL database of its own. */
async function sharedDatabase(kind: string) {
  if (kind === 'pglite') {
    const dir = await mkdtemp(join(tmpdir(), 'selfserve-cli-'))
    const open = () => openDatabase({ dataDir: dir })
    return { open, env: { DATA_DIR: dir }, drop: () => rm(dir, { recursive: true, force: true }) }
  }
  const fresh = await freshPostgresUrl()
  const open = () => openDatabase({ databaseUrl: fresh.url, dataDir: '' })
  return { open, env: { DATABASE_URL: fresh.url }, drop: fresh.drop }
}

// Acceptance (issue 12): after Replace on a billing profile, the next renewal — the job run from its
// CLI with --as-of, as an operator would — charges the new card.
describe.each(DATABASE_KINDS)('replace, then the job from its CLI on %s', (kind) => {
  it('renews on the card the profile was moved to', { timeout: 60_000 }, async () => {
    const shared = await sharedDatabase(kind)
    let database: Database = await shared.open()
    try {
      await database.migrate()
      const deps = testDeps(database, fixedClock('2026-11-25T10:00:00Z'))
      const org = await anOrganization(database.db)
      const product = await aProduct(database.db)
      const user = await aUser(database.db, org.id)
      const profile = await aBillingProfile(database.db, user)
      const old = await aCardOnFile(database.db, user)
      await database.db
        .update(billingProfiles)
        .set({ paymentMethodId: old.id })
        .where(eq(billingProfiles.id, profile.id))
      const sub = await aSubscription(database.db, {
        orgId: org.id,
        purchaserId: user.id,
        productId: product.id,
        billingProfileId: profile.id,
        paymentMethodId: old.id,
        at: new Date('2026-11-01T00:00:00Z'),
      })
      const checked = checkCard(aCard('5555 5555 5555 4444'), deps.clock.now())
      if (!checked.ok) throw new Error('bad test card')
      const out = await replacePaymentMethod(
        deps,
        actorOf(user),
        profile.id,
        { kind: 'new', card: checked.card },
        randomUUID(),
      )
      if (!out.ok) throw new Error(out.refusal)
      await database.close()

      // The CLI reads its database from the environment: this test's, and nothing inherited.
      const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'error' }
      delete env.DATABASE_URL
      Object.assign(env, shared.env)
      const { stdout } = await run(
        join('node_modules', '.bin', 'tsx'),
        ['src/jobs/cli.ts', '--as-of', '2026-12-01T06:00:00Z'],
        { env },
      )
      expect(stdout).toContain('Lifecycle job as of 2026-12-01T06:00:00.000Z')

      database = await shared.open()
      const [card] = await database.db.select().from(paymentMethods).where(eq(paymentMethods.id, out.value.card.id))
      const charges = await database.db
        .select()
        .from(sandboxGatewayCalls)
        .where(eq(sandboxGatewayCalls.operation, 'charge'))
      expect(charges.map((c) => c.request.token)).toEqual([card!.gatewayToken])
      const [renewal] = await database.db.select().from(invoices).where(eq(invoices.subscriptionId, sub.id))
      expect(renewal).toMatchObject({ type: 'renew', cardBrand: 'mastercard', cardLast4: '4444' })
      const [after] = await database.db.select().from(subscriptions).where(eq(subscriptions.id, sub.id))
      expect(after!.termEnd.toISOString()).toBe('2027-01-01T00:00:00.000Z')
    } finally {
      await database.close()
      await shared.drop()
    }
  })
})
