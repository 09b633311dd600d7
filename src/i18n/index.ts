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

/** A message cut at its placeholders: text, then each placeholder (with the "de" before it) and the text after. */
type Template = { head: string; slots: { de: string | undefined; name: string; whole: string; tail: string }[] }

function compile(text: string): Template {
  const template: Template = { head: '', slots: [] }
  let last = 0
  for (const m of text.matchAll(PLACEHOLDER)) {
    const before = text.slice(last, m.index)
    const slot = template.slots.at(-1)
    if (slot) slot.tail = before
    else template.head = before
    template.slots.push({ de: m.groups?.de, name: m.groups?.name ?? '', whole: m[0], tail: '' })
    last = m.index + m[0].length
  }
  const rest = text.slice(last)
  const slot = template.slots.at(-1)
  if (slot) slot.tail = rest
  else template.head = rest
  return template
}

function makeTranslator(locale: Locale): Translate {
  const messages = catalogs[locale]
  const plurals = new Intl.PluralRules(intlLocale(locale))
  const numbers = new Intl.NumberFormat(intlLocale(locale))
  // Each message is cut at its placeholders once, on first use, not searched on every call (issue 15).
  const templates = new Map<string, Template>()
  const translate = (key: MessageKey, params?: Params): string => {
    const message = messages[key]
    // NaN (a plural message given no count) selects "other".
    const text = isPlural(message) ? (message[plurals.select(Number(params?.count))] ?? message.other) : message
    if (!params) return text
    let template = templates.get(text)
    if (!template) {
      template = compile(text)
      templates.set(text, template)
    }
    let out = template.head
    for (const { de, name, whole, tail } of template.slots) {
      if (!(name in params)) {
        out += whole + tail
        continue
      }
      const raw = params[name]
      // `count` is shown as Intl writes the number in this locale ("1 234", "1,234").
      const value = name === 'count' && typeof raw === 'number' ? numbers.format(raw) : String(raw)
      if (!de) out += value
      else out += locale === 'fr' && elidesBefore(value) ? `${de[0]}’${value}` : `${de}${value}`
      out += tail
    }
    return out
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
