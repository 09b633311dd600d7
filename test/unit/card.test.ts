import { describe, expect, it } from 'vitest'
import { brandOf, checkCard, passesLuhn } from '../../src/payments/card'
import { aCard } from '../builders/index'

const now = new Date('2026-11-25T10:00:00Z')

describe('card checks', () => {
  it('knows brands by their numbers', () => {
    expect(brandOf('4242424242424242')).toBe('visa')
    expect(brandOf('5555555555554444')).toBe('mastercard')
    expect(brandOf('2223003122003222')).toBe('mastercard')
    expect(brandOf('378282246310005')).toBe('amex')
    expect(brandOf('6011111111111117')).toBe('discover')
  })

  it('applies Luhn', () => {
    expect(passesLuhn('4242424242424242')).toBe(true)
    expect(passesLuhn('4242424242424241')).toBe(false)
  })

  it('accepts a good card with spaces and keeps only what may be stored beside the number', () => {
    const out = checkCard(aCard('4242 4242 4242 4242'), now)
    expect(
      out.ok && {
        brand: out.card.brand,
        last4: out.card.last4,
        expMonth: out.card.expMonth,
        expYear: out.card.expYear,
      },
    ).toEqual({ brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030 })
  })

  it('names each problem', () => {
    const out = checkCard(
      { number: '4242 4242 4242 4241', expMonth: '13', expYear: '20x', cvc: '12', nameOnCard: ' ' },
      now,
    )
    expect(out).toEqual({
      ok: false,
      problems: {
        cardNumber: 'number_invalid',
        expMonth: 'exp_month_invalid',
        expYear: 'exp_year_invalid',
        cvc: 'cvc_invalid',
        nameOnCard: 'name_required',
      },
    })
    expect(checkCard(aCard('', { cvc: '' }), now)).toMatchObject({
      problems: { cardNumber: 'number_required', cvc: 'cvc_required' },
    })
  })

  it('refuses a card whose expiry month is over, and accepts one expiring this month', () => {
    expect(checkCard(aCard(undefined, { expMonth: '10', expYear: '2026' }), now)).toMatchObject({
      ok: false,
      problems: { expMonth: 'expired' },
    })
    expect(checkCard(aCard(undefined, { expMonth: '11', expYear: '26' }), now).ok).toBe(true)
  })

  it('wants four digits of security code for Amex and three for the others', () => {
    expect(checkCard(aCard('3782 822463 10005', { cvc: '123' }), now)).toMatchObject({
      problems: { cvc: 'cvc_invalid' },
    })
    expect(checkCard(aCard('3782 822463 10005', { cvc: '1234' }), now).ok).toBe(true)
    expect(checkCard(aCard(undefined, { cvc: '1234' }), now)).toMatchObject({ problems: { cvc: 'cvc_invalid' } })
  })
})
