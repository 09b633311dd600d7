import { elidesBefore } from './elision'
import { en, type MessageKey } from './en'
import { fr } from './fr'
import { isPlural, type Message } from './plural'

export type Locale = 'fr' | 'en'
export const LOCALES: readonly Locale[] = ['fr', 'en']
export type { MessageKey }
export type Params = Record<string, string | number>
/** The keys whose message has plural forms: they need a numeric `count`. */
export type PluralKey = { [K in MessageKey]: (typeof en)[K] extends string ? never : K }[MessageKey]
/** Text for a key; a plural message takes its `count` (a number) in params, the type says so. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: K extends PluralKey ? [params: Params & { count: number }] : [params?: Params]
) => string

const catalogs: Record<Locale, Record<MessageKey, Message>> = { en, fr }
// Intl locale per language: French formats as fr-FR (1 234,56 €), English as en-GB (€1,234.56).
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en'
}

/** A key of the catalog, for text that names one (a zod issue's message): checked, not cast. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

export function catalog(locale: Locale): Record<MessageKey, Message> {
  return catalogs[locale]
}

// A placeholder, and in French the "de" written just before it (elided once the value is known).
const PLACEHOLDER = /(?<![\p{L}\p{N}])(?<de>[Dd]e )?\{(?<name>\w+)\}/gu

function makeTranslator(locale: Locale): Translate {
  const messages = catalogs[locale]
  const plurals = new Intl.PluralRules(intlLocale(locale))
  const numbers = new Intl.NumberFormat(intlLocale(locale))
  const translate = (key: MessageKey, params?: Params): string => {
    const message = messages[key]
    // NaN (a plural message given no count) selects "other".
    const text = isPlural(message) ? (message[plurals.select(Number(params?.count))] ?? message.other) : message
    if (!params) return text
    return text.replace(PLACEHOLDER, (whole, _de, _name, _offset, _all, groups: { de?: string; name: string }) => {
      if (!(groups.name in params)) return whole
      const raw = params[groups.name]
      // `count` is shown as Intl writes the number in this locale ("1 234", "1,234").
      const value = groups.name === 'count' && typeof raw === 'number' ? numbers.format(raw) : String(raw)
      if (!groups.de) return value
      return locale === 'fr' && elidesBefore(value) ? `${groups.de[0]}’${value}` : `${groups.de}${value}`
    })
  }
  return translate as Translate
}

const translators: Record<Locale, Translate> = { en: makeTranslator('en'), fr: makeTranslator('fr') }

/**
 * A translator for one locale: `{name}` placeholders are replaced by params (as text), plural
 * messages take the form Intl.PluralRules picks for `count`, and French elides "de {product}"
 * into "d’Analyses" before a vowel sound.
 */
export function translator(locale: Locale): Translate {
  return translators[locale]
}

/** The best of our locales for an Accept-Language header; English when nothing matches. */
export function localeFromAcceptLanguage(header: string | undefined): Locale {
  if (!header) return 'en'
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';')
      const q = rest.map((r) => r.trim()).find((r) => r.startsWith('q='))
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.map((x) => x.lang).find(isLocale) ?? 'en'
}

export function intlLocale(locale: Locale): string {
  return INTL_LOCALE[locale]
}
