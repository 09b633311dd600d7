import { z } from 'zod'
import type { AddressValues } from '../../views/components/address-fields'
import { checkoutUrl, purchaseUrl, trialUrl } from '../../views/urls'
import { notFound } from '../http/errors'
import { signedInRoutes } from '../http/session'
import { fieldErrors } from '../http/field-errors'
import { TAX_RATES_BP } from '../money/tax'
import { setUpBilling } from '../services/billing/set-up-billing'
import { checkoutView } from './checkout'
import { offerFor } from './purchase-form'
import { showTrial } from './trial'

/** The billing address asked first, on the checkout or trial page, when the organisation has no
 *  billing profile (DESIGN §5); then back to the page it came from. */
export const billingSetup = signedInRoutes()

const Address = z.object({
  // A missing field gets the same message as an empty one (the string's own type error).
  line1: z
    .string('billingSetup.line1Required')
    .trim()
    .min(1, 'billingSetup.line1Required')
    .max(200, 'billingSetup.tooLong'),
  line2: z.string().trim().max(200, 'billingSetup.tooLong').default(''),
  city: z
    .string('billingSetup.cityRequired')
    .trim()
    .min(1, 'billingSetup.cityRequired')
    .max(200, 'billingSetup.tooLong'),
  postalCode: z
    .string('billingSetup.postalCodeRequired')
    .trim()
    .min(1, 'billingSetup.postalCodeRequired')
    .max(20, 'billingSetup.tooLong'),
  country: z.string('billingSetup.countryRequired').refine((v) => v in TAX_RATES_BP, 'billingSetup.countryRequired'),
})

billingSetup.post('/:code/billing-setup', async (c) => {
  const entry = await offerFor(c)
  if (!entry?.product.selfService || (!entry.offer.canBuy && !entry.offer.trial)) return notFound(c)
  const toTrial = c.req.query('next') === 'trial'
  const body = await c.req.parseBody()
  const input = Address.safeParse(body)
  if (!input.success) {
    const sent = (k: string) => (typeof body[k] === 'string' ? String(body[k]).slice(0, 200) : '')
    const values: AddressValues = {
      line1: sent('line1'),
      line2: sent('line2'),
      city: sent('city'),
      postalCode: sent('postalCode'),
      country: sent('country'),
    }
    const state = { setup: { values, errors: fieldErrors(c.var.t, input.error) } }
    return toTrial ? showTrial(c, entry, {}, state) : (await checkoutView(c, entry, {}, state)).page()
  }
  const out = await setUpBilling(c.var.deps, c.var.actor, input.data)
  if (!out.ok && out.refusal === 'guest') return c.redirect(purchaseUrl(), 303)
  return c.redirect(toTrial ? trialUrl(entry.product.code) : checkoutUrl(entry.product.code), 303)
})
