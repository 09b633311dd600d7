import { describe, expect, it } from 'vitest'
import { en } from '../../src/i18n/en'
import { fr } from '../../src/i18n/fr'
import { formatDate, formatMoney } from '../../src/i18n/format'
import { localeFromAcceptLanguage, translator } from '../../src/i18n/index'

describe('message catalogs', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
    for (const [key, text] of [...Object.entries(en), ...Object.entries(fr)]) expect(text.trim(), key).not.toBe('')
  })

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) expect(names(fr[key]), key).toEqual(names(en[key]))
  })

  it('fill placeholders', () => {
    expect(translator('en')('products.licensesValue', { assigned: 2, total: 3 })).toBe('2 of 3')
    expect(translator('fr')('products.licensesValue', { assigned: 2, total: 3 })).toBe('2 sur 3')
  })
})

describe('locale formats', () => {
  it('formats money from minor units in each locale', () => {
    expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56')
    expect(formatMoney(123456, 'EUR', 'fr').replace(/\s/g, ' ')).toBe('1 234,56 €')
    expect(formatMoney(1500, 'JPY', 'en')).toBe('JP¥1,500') // no minor unit: 1500 is ¥1,500
  })

  it('formats dates in UTC in each locale', () => {
    const d = new Date('2026-12-31T23:30:00Z')
    expect(formatDate(d, 'en')).toBe('31 December 2026')
    expect(formatDate(d, 'fr')).toBe('31 décembre 2026')
  })

  it('picks the best language from Accept-Language', () => {
    expect(localeFromAcceptLanguage('fr-CA,fr;q=0.9')).toBe('fr')
    expect(localeFromAcceptLanguage('de-DE,en;q=0.5,fr;q=0.8')).toBe('fr')
    expect(localeFromAcceptLanguage('de')).toBe('en')
    expect(localeFromAcceptLanguage(undefined)).toBe('en')
  })
})
