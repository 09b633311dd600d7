import { createHash, randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { sandboxGatewayCalls } from '../db/schema/index'
import type { CheckedCard } from './card'
import type {
  ChargeLookup,
  Charged,
  DeclineReason,
  GatewayResult,
  PaymentGateway,
  Refunded,
  TokenCard,
  Tokenized,
  Verified,
} from './gateway'

// The built-in sandbox follows the well-known test-card convention (DESIGN §5): the card's
// number decides what a charge does. 4242 4242 4242 4242 (and any other valid number) succeeds.
const DECLINES: Record<string, DeclineReason> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
  '4000000000000119': 'processing_error',
}

export type SandboxCharge = {
  reference: string
  token: string
  amount: number
  currency: string
  idempotencyKey: string
}
export type SandboxRefund = { reference: string; chargeReference: string; amount: number; idempotencyKey: string }
type Params = Record<string, string | number>

/**
 * A gateway that moves no real money but behaves like a real one. The token carries the card's
 * outcome (`tok_sb_<outcome>_<random>`), so a saved card keeps behaving the same after a restart.
 * Its idempotency memory is a table of its own (sandbox_gateway_calls): every app instance and a
 * restart get the same answer under the same key, and a key reused with other parameters is
 * refused (a real gateway answers an error; here, processing_error), never replayed.
 * A token belongs to the customer it was made for (kept with the tokenize call): `cardOf` tells it
 * to no one else.
 * `charges` and `refunds` list what this instance did itself, for tests; `moneyMoved` reads the
 * whole table, whichever instance made the call.
 */
export class SandboxGateway implements PaymentGateway {
  readonly charges: SandboxCharge[] = []
  readonly refunds: SandboxRefund[] = []

  // The gateway's side is not the portal's transaction: it is always the root handle, never a tx.
  constructor(private readonly db: Db) {}

  async tokenize(card: CheckedCard, idempotencyKey: string, customer: string): Promise<GatewayResult<Tokenized>> {
    // Only what may be kept goes in the request: never the number or the code (rule 7).
    const { brand, last4, expMonth, expYear, nameOnCard } = card
    const params = { brand, last4, expMonth, expYear, nameOnCard, customer }
    const outcome = DECLINES[card.number] ?? 'ok'
    const answer: GatewayResult<Tokenized> = {
      ok: true,
      value: { token: `tok_sb_${outcome}_${randomUUID().replace(/-/g, '')}`, brand: card.brand, last4: card.last4 },
    }
    return (await this.once('tokenize', idempotencyKey, params, answer)).answer
  }

  async cardOf(token: string, customer: string): Promise<TokenCard | null> {
    // The tokenize call that issued the token holds its card and its customer.
    const [row] = await this.db
      .select({ request: sandboxGatewayCalls.request })
      .from(sandboxGatewayCalls)
      .where(
        and(
          eq(sandboxGatewayCalls.operation, 'tokenize'),
          sql`${sandboxGatewayCalls.response}->'value'->>'token' = ${token}`,
        ),
      )
      .limit(1)
    const r = row?.request
    if (!r || r.customer !== customer) return null
    return {
      brand: String(r.brand),
      last4: String(r.last4),
      expMonth: Number(r.expMonth),
      expYear: Number(r.expYear),
      nameOnCard: String(r.nameOnCard ?? ''),
    }
  }

  async charge(input: {
    token: string
    amount: number
    currency: string
    idempotencyKey: string
  }): Promise<GatewayResult<Charged>> {
    const { idempotencyKey, ...params } = input
    const outcome = /^tok_sb_([a-z_]+?)_[0-9a-f]{32}$/.exec(input.token)?.[1]
    const answer: GatewayResult<Charged> =
      outcome === undefined
        ? { ok: false, decline: 'processing_error' }
        : outcome !== 'ok'
          ? { ok: false, decline: outcome as DeclineReason }
          : { ok: true, value: { reference: `ch_sb_${randomUUID()}` } }
    const call = await this.once('charge', idempotencyKey, params, answer)
    if (call.fresh && call.answer.ok) this.charges.push({ reference: call.answer.value.reference, ...input })
    return call.answer
  }

  async refund(input: {
    chargeReference: string
    amount: number
    currency: string
    idempotencyKey: string
  }): Promise<GatewayResult<Refunded>> {
    const { idempotencyKey, ...params } = input
    const answer: GatewayResult<Refunded> = { ok: true, value: { reference: `re_sb_${randomUUID()}` } }
    const call = await this.once('refund', idempotencyKey, params, answer)
    if (call.fresh && call.answer.ok) {
      const { chargeReference, amount } = input
      this.refunds.push({ reference: call.answer.value.reference, chargeReference, amount, idempotencyKey })
    }
    return call.answer
  }

  async lookup(idempotencyKey: string): Promise<ChargeLookup> {
    const [row] = await this.db
      .select()
      .from(sandboxGatewayCalls)
      .where(eq(sandboxGatewayCalls.key, `charge:${idempotencyKey}`))
    if (!row) return { state: 'none' }
    const answer = row.response as GatewayResult<Charged>
    if (!answer.ok) return { state: 'declined', decline: answer.decline }
    return {
      state: 'charged',
      reference: answer.value.reference,
      amount: Number(row.request.amount),
      currency: String(row.request.currency),
    }
  }

  async verify(input: {
    token: string
    cvc: string
    expMonth: number
    expYear: number
  }): Promise<GatewayResult<Verified>> {
    // As a zero-amount authorisation: the test card's outcome answers, except insufficient funds, which
    // only a charge meets. So …0127 fails the security code check, …0002 and …0069 are refused too.
    // Nothing is written: the code must not be kept, and no money moves.
    const outcome = /^tok_sb_([a-z_]+?)_[0-9a-f]{32}$/.exec(input.token)?.[1]
    if (outcome === undefined) return { ok: false, decline: 'processing_error' }
    if (outcome === 'ok' || outcome === 'insufficient_funds') return { ok: true, value: { checked: true } }
    return { ok: false, decline: outcome as DeclineReason }
  }

  /** Money taken and given back under every key, by any instance: what a test compares with the ledger. */
  async moneyMoved(): Promise<{ charged: number; refunded: number; net: number }> {
    const sum = (operation: string) => sql<number>`coalesce(sum((${sandboxGatewayCalls.request}->>'amount')::int)
      filter (where ${sandboxGatewayCalls.operation} = ${operation}
        and (${sandboxGatewayCalls.response}->>'ok')::boolean), 0)::int`
    const [row] = await this.db.select({ charged: sum('charge'), refunded: sum('refund') }).from(sandboxGatewayCalls)
    const charged = Number(row?.charged ?? 0)
    const refunded = Number(row?.refunded ?? 0)
    return { charged, refunded, net: charged - refunded }
  }

  // The first call under a key stores its answer; any later one, from any instance, gets the stored
  // answer if its parameters are the same, else a refusal. Two calls racing meet at the primary key.
  private async once<T>(operation: string, key: string, params: Params, answer: GatewayResult<T>) {
    const requestHash = createHash('sha256')
      .update(JSON.stringify(Object.entries(params).sort()))
      .digest('hex')
    const id = `${operation}:${key}`
    const inserted = await this.db
      .insert(sandboxGatewayCalls)
      .values({ key: id, operation, requestHash, request: params, response: answer })
      .onConflictDoNothing()
      .returning({ key: sandboxGatewayCalls.key })
    if (inserted.length) return { fresh: true, answer }
    const [row] = await this.db.select().from(sandboxGatewayCalls).where(eq(sandboxGatewayCalls.key, id))
    if (!row || row.requestHash !== requestHash)
      return { fresh: false, answer: { ok: false, decline: 'processing_error' } as GatewayResult<T> }
    return { fresh: false, answer: row.response as GatewayResult<T> }
  }
}

/** A sandbox token for a card that always succeeds, derived from a name (for demo data: the same
 *  name gives the same token, so demo cards can be charged after every restart). */
export function sandboxTokenFor(name: string): string {
  return `tok_sb_ok_${createHash('sha256').update(name).digest('hex').slice(0, 32)}`
}
