import { describe, expect, it } from 'vitest'
import { offerFor, type TrialOfferKind } from '../../src/services/purchase/offer'

const product = (trialOffer: TrialOfferKind = 'with_payment_method', selfService = true) => ({
  selfService,
  trialOffer,
})
const member = { kind: 'member' as const, trialUsed: false }

describe('offerFor', () => {
  it('lets a member buy an allowed product and try it as the product offers', () => {
    expect(offerFor(product(), 'allowed', member)).toEqual({
      canBuy: true,
      trial: 'with_payment_method',
      buyRefusal: null,
      trialRefusal: null,
    })
    expect(offerFor(product('without_payment_method'), 'allowed', member).trial).toBe('without_payment_method')
  })

  it('says no_trial for an allowed product without a trial', () => {
    expect(offerFor(product('none'), 'allowed', member)).toMatchObject({ canBuy: true, trialRefusal: 'no_trial' })
  })

  it('says trial_used once the member has tried the product, bought or trials-only', () => {
    const tried = { kind: 'member' as const, trialUsed: true }
    expect(offerFor(product(), 'allowed', tried)).toMatchObject({
      canBuy: true,
      trial: null,
      trialRefusal: 'trial_used',
    })
    expect(offerFor(product(), 'trials_only', tried)).toMatchObject({
      canBuy: false,
      trial: null,
      trialRefusal: 'trial_used',
    })
  })

  it('gives a trials-only product a card-less trial and refuses the purchase as trials_only', () => {
    expect(offerFor(product('with_payment_method'), 'trials_only', member)).toEqual({
      canBuy: false,
      trial: 'without_payment_method',
      buyRefusal: 'trials_only',
      trialRefusal: null,
    })
  })

  it('reads a trials-only product that has no trial as blocked', () => {
    expect(offerFor(product('none'), 'trials_only', member)).toMatchObject({
      canBuy: false,
      trial: null,
      buyRefusal: 'blocked',
      trialRefusal: 'blocked',
    })
  })

  it('offers nothing for a blocked or non-self-service product', () => {
    const nothing = { canBuy: false, trial: null, buyRefusal: 'blocked', trialRefusal: 'blocked' }
    expect(offerFor(product(), 'blocked', member)).toEqual(nothing)
    expect(offerFor(product('with_payment_method', false), 'allowed', member)).toEqual(nothing)
  })

  it('offers a guest nothing, and says why', () => {
    expect(offerFor(product(), 'allowed', { kind: 'guest', trialUsed: false })).toEqual({
      canBuy: false,
      trial: null,
      buyRefusal: 'guest',
      trialRefusal: 'guest',
    })
  })
})
