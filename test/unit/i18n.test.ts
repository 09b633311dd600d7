import { describe, expect, it } from 'vitest'
import { elidesBefore } from '../../src/i18n/elision'
import { en } from '../../src/i18n/en'
import { fr } from '../../src/i18n/fr'
import { formatDate, formatMoney } from '../../src/i18n/format'
import { intlLocale, type Locale, localeFromAcceptLanguage, type MessageKey, translator } from '../../src/i18n/index'
import { isPlural, type Message } from '../../src/i18n/plural'

const catalogs: Record<Locale, Record<MessageKey, Message>> = { en, fr }
const keys = Object.keys(en) as MessageKey[]
/** Each text of a message: the string, or every plural form. */
const formsOf = (m: Message): string[] => (isPlural(m) ? Object.values(m).filter((f) => f !== undefined) : [m])
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort()
const NBSP = '\u00a0'

describe('message catalogs', () => {
  it('have the same keys in French and English, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
    for (const locale of ['en', 'fr'] as const)
      for (const key of keys) for (const form of formsOf(catalogs[locale][key])) expect(form.trim(), key).not.toBe('')
  })

  it('use the same placeholders in both languages and in every plural form', () => {
    for (const key of keys) {
      const [first, ...rest] = [...formsOf(en[key]), ...formsOf(fr[key])].map(placeholders)
      for (const names of rest) expect(names, key).toEqual(first)
    }
  })

  it('give a plural message exactly the forms Intl.PluralRules has for its language', () => {
    for (const locale of ['en', 'fr'] as const) {
      const categories = new Intl.PluralRules(intlLocale(locale)).resolvedOptions().pluralCategories
      for (const key of keys) {
        const message = catalogs[locale][key]
        expect(isPlural(message), `${locale} ${key}`).toBe(isPlural(en[key]))
        if (isPlural(message)) expect(Object.keys(message).sort(), `${locale} ${key}`).toEqual([...categories].sort())
      }
    }
  })

  it('make every message that shows a {count} plural, and say the count in every plural form', () => {
    for (const key of keys) {
      const message = en[key]
      if (isPlural(message)) for (const form of formsOf(message)) expect(form, key).toContain('{count}')
      else expect(message, `${key} shows {count}: give it plural forms`).not.toContain('{count}')
    }
  })

  // A number just before a word that agrees with it ("{quantity} licences", "{n} attribuées") is a
  // count: it must be {count}, so that the message is plural. A new counted word belongs here.
  const COUNTED_WORDS = [
    ...['licen[cs]es?', 'people', 'persons?', 'users?', 'days?', 'subscriptions?', 'characters?'],
    ...['personnes?', 'utilisateurs?', 'jours?', 'abonnements?', 'caractères?'],
    ...['attribuée?s?', 'disponibles?', 'choisie?s?', 'non lues?'],
  ]
  const COUNTED = new RegExp(`\\{(\\w+)\\} (?:\\p{L}+ )?(?:${COUNTED_WORDS.join('|')})(?![\\p{L}/])`, 'gu')

  it('count with {count}: no other placeholder stands before a word that agrees with a number', () => {
    for (const locale of ['en', 'fr'] as const)
      for (const key of keys)
        for (const form of formsOf(catalogs[locale][key]))
          for (const m of form.matchAll(COUNTED)) expect(m[1], `${locale} ${key}: “${m[0]}”`).toBe('count')
  })

  it('fill placeholders', () => {
    expect(translator('en')('products.licensesValue', { assigned: 2, total: 3 })).toBe('2 of 3')
    expect(translator('fr')('products.licensesValue', { assigned: 2, total: 3 })).toBe('2 sur 3')
  })
})

describe('plural messages', () => {
  const t = { en: translator('en'), fr: translator('fr') }

  it('use the singular in English for 1 only', () => {
    expect([0, 1, 2].map((count) => t.en('products.count', { count }))).toEqual([
      '0 subscriptions',
      '1 subscription',
      '2 subscriptions',
    ])
    expect(t.en('assign.done', { count: 1 })).toBe('License assigned to 1 person.')
    expect(t.en('checkout.subtotal', { count: 1 })).toBe('Subtotal (1 license)')
  })

  it('use the singular in French for 0 and 1, and “de” for exact millions', () => {
    expect([0, 1, 2].map((count) => t.fr('change.add', { count }))).toEqual([
      'Vous achetez 0 licence.',
      'Vous achetez 1 licence.',
      'Vous achetez 2 licences.',
    ])
    const million = new Intl.NumberFormat('fr-FR').format(1_000_000)
    expect(t.fr('change.add', { count: 1_000_000 })).toBe(`Vous achetez ${million} de licences.`)
    expect(t.fr('unassign.done', { count: 1 })).toBe('Attribution annulée pour 1 personne.')
  })

  it('show the count exactly as Intl.NumberFormat writes it in the language', () => {
    expect(t.en('products.count', { count: 1234 })).toBe('1,234 subscriptions')
    expect(t.fr('products.count', { count: 1234 })).toBe(`${new Intl.NumberFormat('fr-FR').format(1234)} abonnements`)
  })

  it('let each number of a sentence with two agree on its own', () => {
    const assigned = t.fr('change.current.assigned', { count: 1 })
    expect(t.fr('change.current', { count: 10, assigned })).toBe('Vous avez 10 licences, dont 1 attribuée.')
    const counts = {
      assigned: t.en('licenses.counts.assigned', { count: 1 }),
      available: t.en('licenses.counts.available', { count: 0 }),
      total: t.en('licenses.counts.total', { count: 1 }),
    }
    expect(t.en('licenses.counts', counts)).toBe('1 assigned, 0 available, 1 in total')
  })
})

describe('French typography', () => {
  const frenchTexts = keys.flatMap((key) => formsOf(fr[key]).map((text) => ({ key, text })))

  it('writes the apostrophe ’ (U+2019) in both languages, never an ASCII one', () => {
    for (const locale of ['en', 'fr'] as const)
      for (const key of keys)
        for (const form of formsOf(catalogs[locale][key])) expect(form, `${locale} ${key}`).not.toContain("'")
  })

  it('puts a no-break space (U+00A0) before : ; ? ! and inside « », never a plain or narrow one', () => {
    for (const { key, text } of frenchTexts) {
      expect(text, key).not.toMatch(/[ \t\u202f][:;?!»]|«[ \t\u202f]/)
      for (const m of text.matchAll(/[:;?!»]/g)) expect(text[m.index - 1], `${key}: before “${m[0]}”`).toBe(NBSP)
      for (const m of text.matchAll(/«/g)) expect(text[m.index + 1], `${key}: after «`).toBe(NBSP)
    }
  })

  it('elides “de” before a vowel or a mute h, not before a consonant, an aspirated h or a digit', () => {
    for (const word of ['Analyses', 'Équipes', 'Œuvres', 'Hébergement', 'HTML', 'Yvelines', 'outils'])
      expect(elidesBefore(word), word).toBe(true)
    for (const word of ['Planification', 'Hub', 'Hauteur', 'Yammer', '365', '« Pro »', ''])
      expect(elidesBefore(word), word).toBe(false)
  })

  it('elides “de {product}” in French once the name is known, and leaves English alone', () => {
    const t = translator('fr')
    expect(t('trial.title', { product: 'Analyses décisionnelles Pro' })).toBe(
      'Démarrer un essai gratuit d’Analyses décisionnelles Pro',
    )
    expect(t('trial.title', { product: 'Planification de projets Plan 3' })).toBe(
      'Démarrer un essai gratuit de Planification de projets Plan 3',
    )
    expect(t('unassign.body', { product: 'Outils' })).toBe(`Ces personnes vont perdre leur licence d’Outils${NBSP}:`)
    expect(translator('en')('trial.title', { product: 'Analytics' })).toBe('Start a free trial of Analytics')
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
