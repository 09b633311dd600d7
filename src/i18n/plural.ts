// A message that says a number of something ("1 licence", "3 licences") has one text per plural
// category of its language, and the translator picks one with Intl.PluralRules from the `count`
// param. Categories differ by language: English has one (1 only) and other; French has one (0 and
// 1), many (exact millions: "1 000 000 de licences") and other. The catalog test checks that every
// plural message has exactly the categories Intl gives its language.

/** One text per plural category; each uses the same placeholders, `{count}` among them. */
export type Plural<Category extends Intl.LDMLPluralRule> = { readonly [C in Category]: string }

export type EnglishPlural = Plural<'one' | 'other'>
export type FrenchPlural = Plural<'one' | 'many' | 'other'>

/** A catalog entry: plain text, or plural forms chosen by `count`. */
export type Message = string | (Partial<Plural<Intl.LDMLPluralRule>> & { readonly other: string })

export function isPlural(message: Message): message is Exclude<Message, string> {
  return typeof message !== 'string'
}
