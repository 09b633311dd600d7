import { en, type MessageKey } from './en'
import { fr } from './fr'

export type Locale = 'fr' | 'en'
export const LOCALES: readonly Locale[] = ['fr', 'en']
export type { MessageKey }
export type Params = Record<string, string | number>
export type Translate = (key: MessageKey, params?: Params) => string

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr }
// Intl locale per language: French formats as fr-FR (1 234,56 €), English as en-GB (€1,234.56).
const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

export function isLocale(value: unknown): value is Locale {
  return value === 'fr' || value === 'en'
}

/** A key of the catalog, for text that names one (a zod issue's message): checked, not cast. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key)
}

export function catalog(locale: Locale): Record<MessageKey, string> {
  return catalogs[locale]
}

/** A translator for one locale: `{name}` placeholders are replaced by params (as text). */
export function translator(locale: Locale): Translate {
  const messages = catalogs[locale]
  return (key, params) => {
    const text = messages[key]
    if (!params) return text
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  }
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
