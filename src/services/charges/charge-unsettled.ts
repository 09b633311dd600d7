// A charge that the gateway took (or may have taken) but that could not be recorded or given back
// at once, because the database went away: its intent stays `pending` and the reconciler settles
// it (records it or refunds it). The error page tells the buyer exactly that, with a 503.
export class ChargeUnsettledError extends Error {
  constructor(cause: unknown) {
    super('charge taken but not yet settled', { cause })
  }
}
