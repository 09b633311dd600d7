import { describe, expect, it } from 'vitest'
import { availableLicenses, isAssignable } from '../../src/services/subscriptions/subscription-rules'

describe('availableLicenses', () => {
  it('is the total less those assigned', () => {
    expect(availableLicenses({ quantity: 10, pendingQuantity: null, assigned: 4 })).toBe(6)
  })

  it('counts a pending reduction as the limit already', () => {
    expect(availableLicenses({ quantity: 10, pendingQuantity: 7, assigned: 4 })).toBe(3)
  })

  it('is never below 0', () => {
    expect(availableLicenses({ quantity: 10, pendingQuantity: 5, assigned: 8 })).toBe(0)
  })
})

describe('isAssignable', () => {
  it('lets trials, active and expired subscriptions be assigned, not disabled ones', () => {
    expect(['trial', 'active', 'expired', 'disabled'].map((s) => isAssignable(s as 'trial'))).toEqual([
      true,
      true,
      true,
      false,
    ])
  })
})
