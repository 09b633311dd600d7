import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import type { FieldError } from '../../views/components/error-summary'
import { TrialPage } from '../../views/pages/purchase/trial'
import { subscriptionUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import type { CatalogEntry } from '../services/purchase/catalog'
import { previewTrial } from '../services/purchase/preview-purchase'
import { startTrial } from '../services/purchase/start-trial'
import { isUuid, knownCard, parsePaymentChoice } from './payment-form'
import {
  type FormState,
  declinedCard,
  type KeptCard,
  keepCard,
  offerFor,
  paymentPart,
  refusalError,
  refused,
} from './purchase-form'
import { isDecline } from '../i18n/refusals'

/** Start a free trial (DESIGN §3): what happens, then the card only when the trial needs one. */
export const trial = signedInRoutes()
type Ctx = Context<SignedInEnv>

/** The product behind :code when this user may try it; else the 404 or 403 page. */
async function tryable(c: Ctx): Promise<CatalogEntry | Response> {
  const entry = await offerFor(c)
  if (!entry?.product.selfService) return notFound(c)
  if (entry.offer.trial) return entry
  return refused(c, entry, entry.offer.trialRefusal ?? 'blocked')
}

/** The Start trial page for the form in `src`, with the service's end date and payment choices. */
export async function showTrial(c: Ctx, entry: CatalogEntry, src: Record<string, unknown>, state: FormState = {}) {
  const withCard = entry.offer.trial === 'with_payment_method'
  const preview = await previewTrial(c.var.deps, c.var.actor, withCard, knownCard(state.card ?? {}))
  const profileId = preview.profiles.find((p) => p.id === src.profile)?.id ?? preview.profiles[0]?.id ?? ''
  const payment = paymentPart(c, { ...preview, needsProfile: withCard }, state.errors ?? [], state)
  return c.html(
    TrialPage({
      ctx: viewContext(c),
      product: entry.product,
      withCard,
      endsOn: preview.endsOn,
      frequency: src.frequency === 'annual' ? 'annual' : 'monthly',
      profileId,
      ...payment.props,
    }),
    payment.code,
  )
}

trial.get('/:code/trial', async (c) => {
  const entry = await tryable(c)
  return entry instanceof Response ? entry : showTrial(c, entry, c.req.query())
})

trial.post('/:code/trial', async (c) => {
  const entry = await tryable(c)
  if (entry instanceof Response) return entry
  const body = await c.req.parseBody()
  const key = isUuid(body.idempotencyKey) ? body.idempotencyKey : randomUUID()
  const withCard = entry.offer.trial === 'with_payment_method'
  const payment = withCard ? parsePaymentChoice(body, c.var.deps.clock.now(), c.var.t) : null
  // The form again with what was wrong, and its card as kept (a declined card is typed again). After
  // a decline, or a card tokenized under the form's key, the form gets a new key.
  const again = async (errors: FieldError[], declined = false) => {
    const kept: KeptCard = !payment
      ? { fields: { payment: 'new' }, reenter: false, tokenized: false }
      : declined
        ? declinedCard(payment.choice)
        : await keepCard(c, payment.choice, body, key)
    const card = { ...body, ...kept.fields }
    return showTrial(c, entry, card, {
      errors,
      card,
      reenter: kept.reenter,
      idempotencyKey: declined || kept.tokenized ? randomUUID() : key,
    })
  }
  let billing: Parameters<typeof startTrial>[2]['billing']
  if (payment) {
    const profileId = isUuid(body.profile) ? body.profile : null
    const profileError: FieldError[] = profileId
      ? []
      : [{ field: 'profile', message: c.var.t('refusal.profile_not_found') }]
    if (payment.errors.length || !profileId || !payment.choice) return again([...profileError, ...payment.errors])
    const frequency = body.frequency === 'annual' ? 'annual' : 'monthly'
    billing = { billingProfileId: profileId, frequency, payment: payment.choice }
  }
  const out = await startTrial(c.var.deps, c.var.actor, {
    productCode: entry.product.code,
    idempotencyKey: key,
    billing,
  })
  if (out.ok)
    return c.redirect(subscriptionUrl(out.value.subscriptionId, out.value.replayed ? 'replayed' : 'trial_started'), 303)
  if (out.refusal === 'not_found') return notFound(c)
  // A decline is shown beside the card the buyer used: the saved-card choice, or the new card's number.
  const savedCard = billing?.payment.kind === 'saved'
  return again([refusalError(c, out.refusal, entry.maxLicenses, savedCard)], isDecline(out.refusal))
})
