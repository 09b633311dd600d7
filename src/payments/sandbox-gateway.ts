import { createHash, randomUUID } from 'node:crypto'
import type { CheckedCard } from './card'
import type { Charged, DeclineReason, GatewayResult, PaymentGateway, Refunded, Tokenized } from './gateway'

// The built-in sandbox follows the well-known test-card convention (DESIGN §5): the card's
// number decides what a charge does. 4242 4242 4242 4242 (and any other valid number) succeeds.
const DECLINES: Record<string, DeclineReason> = {
  '4000000000000002': 'card_declined',
  '4000000000009995': 'insufficient_funds',
  '4000000000000069': 'expired_card',
  '4000000000000127': 'incorrect_cvc',
  '4000000000000119': 'processing_error',
}

export type SandboxCharge = { reference: string; token: string; amount: number; currency: string; idempotencyKey: string }

/**
 * An in-memory gateway. The token carries the card's outcome (`tok_sb_<outcome>_<random>`), so a
 * saved card keeps behaving the same after a restart or on another instance. Idempotency keys are
 * remembered per process, as a real gateway remembers them on its side.
 */
export class SandboxGateway implements PaymentGateway {
  readonly charges: SandboxCharge[] = []
  readonly refunds: { reference: string; chargeReference: string; amount: number; idempotencyKey: string }[] = []
  private readonly answers = new Map<string, Promise<GatewayResult<unknown>>>()

  tokenize(card: CheckedCard, idempotencyKey: string): Promise<GatewayResult<Tokenized>> {
    return this.once(`tokenize:${idempotencyKey}`, async () => {
      const outcome = DECLINES[card.number] ?? 'ok'
      return { ok: true, value: { token: `tok_sb_${outcome}_${randomUUID().replace(/-/g, '')}`, brand: card.brand, last4: card.last4 } }
    })
  }

  charge(input: { token: string; amount: number; currency: string; idempotencyKey: string }): Promise<GatewayResult<Charged>> {
    return this.once(`charge:${input.idempotencyKey}`, async () => {
      const outcome = /^tok_sb_([a-z_]+?)_[0-9a-f]{32}$/.exec(input.token)?.[1]
      if (outcome === undefined) return { ok: false, decline: 'processing_error' }
      if (outcome !== 'ok') return { ok: false, decline: outcome as DeclineReason }
      const reference = `ch_sb_${randomUUID()}`
      this.charges.push({ reference, ...input })
      return { ok: true, value: { reference } }
    })
  }

  refund(input: { chargeReference: string; amount: number; currency: string; idempotencyKey: string }): Promise<GatewayResult<Refunded>> {
    return this.once(`refund:${input.idempotencyKey}`, async () => {
      const reference = `re_sb_${randomUUID()}`
      this.refunds.push({ reference, chargeReference: input.chargeReference, amount: input.amount, idempotencyKey: input.idempotencyKey })
      return { ok: true, value: { reference } }
    })
  }

  /** Money actually taken, net of refunds, per token: what a test compares with the invoices. */
  netCharged(): number {
    return this.charges.reduce((s, c) => s + c.amount, 0) - this.refunds.reduce((s, r) => s + r.amount, 0)
  }

  // Two calls with the same key share one answer, even while the first is still running.
  private once<T>(key: string, run: () => Promise<GatewayResult<T>>): Promise<GatewayResult<T>> {
    let answer = this.answers.get(key) as Promise<GatewayResult<T>> | undefined
    if (!answer) {
      answer = run()
      this.answers.set(key, answer)
    }
    return answer
  }
}

/** A sandbox token for a card that always succeeds, derived from a name (for demo data: the same
 *  name gives the same token, so demo cards can be charged after every restart). */
export function sandboxTokenFor(name: string): string {
  return `tok_sb_ok_${createHash('sha256').update(name).digest('hex').slice(0, 32)}`
}
