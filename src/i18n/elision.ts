// French writes "de" as "d’" before a word that starts with a vowel sound: "la licence
// d’Analyses décisionnelles Pro", but "de Planification de projets". A catalog entry cannot know
// which product or person its placeholder will name, so the French translator elides a "de"
// written just before a placeholder once it knows the value (see translator in ./index).

// Y sounds as a vowel before a consonant ("d’Yvelines"), as a consonant before a vowel ("de Yammer").
const VOWEL_SOUND = /^(?:[aeiouàâäéèêëîïôöùûüœæ]|y[^aeiouàâäéèêëîïôöùûü])/iu

// H is mute in most French words ("d’Hébergement", "d’Horaires"). These common words start with
// an aspirated h, which keeps "de" ("de Hauteur", "de Hub"); a name we meet that is missing here
// belongs in this list.
const ASPIRATED_H = new Set([
  'hache',
  'haie',
  'hall',
  'halte',
  'hamac',
  'hameau',
  'handicap',
  'hangar',
  'harpe',
  'hasard',
  'haut',
  'haute',
  'hauteur',
  'héros',
  'hibou',
  'hiérarchie',
  'hockey',
  'honte',
  'hors',
  'housse',
  'hub',
  'hublot',
  'huit',
])

/** Whether "de" becomes "d’" before this text: its first word starts with a vowel sound or a mute h. */
export function elidesBefore(text: string): boolean {
  const word = (/^\p{L}+/u.exec(text)?.[0] ?? '').toLocaleLowerCase('fr')
  if (word.startsWith('h')) return word.length > 1 && !ASPIRATED_H.has(word)
  return VOWEL_SOUND.test(word)
}
