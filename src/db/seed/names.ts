import type { Language } from './scenario'

// Accents, hyphens, apostrophes and particles on purpose: the name search and the e-mail
// slugs must cope with them.
const FRENCH_FIRST = [
  'Camille',
  'Manon',
  'Chloé',
  'Inès',
  'Zoé',
  'Juliette',
  'Louise',
  'Jade',
  'Clémence',
  'Hélène',
  'Agnès',
  'Céline',
  'Sophie',
  'Nathalie',
  'Isabelle',
  'Anaïs',
  'Maëlle',
  'Élodie',
  'Margaux',
  'Amélie',
  'Solène',
  'Gaëlle',
  'Marie-Claire',
  'Thomas',
  'Lucas',
  'Louis',
  'Théo',
  'Nathan',
  'Antoine',
  'Julien',
  'Maxime',
  'Nicolas',
  'Jérôme',
  'Frédéric',
  'François',
  'Benoît',
  'Loïc',
  'Mathieu',
  'Sébastien',
  'Olivier',
  'Guillaume',
  'Rémi',
  'Étienne',
  'Yannick',
  'Cédric',
  'Arnaud',
  'Baptiste',
  'Jean-Baptiste',
  'Karim',
  'Yasmine',
]
const FRENCH_LAST = [
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'David',
  'Bertrand',
  'Roux',
  'Vincent',
  'Fournier',
  'Morel',
  'André',
  'Mercier',
  'Dupont',
  'Lambert',
  'Bonnet',
  'François',
  'Legrand',
  'Garnier',
  'Faure',
  'Rousseau',
  'Blanc',
  'Guérin',
  'Muller',
  'Henry',
  'Roussel',
  'Perrin',
  'Morin',
  'Clément',
  'Gauthier',
  'Dumont',
  'Fontaine',
  'Chevalier',
  'Robin',
  'Masson',
  'Le Gall',
  'Haddad',
  'Nguyen',
  'Diallo',
  'Da Silva',
  'Lemaître',
  'Hébert',
  'Bénard',
  'Delacroix',
  "N'Diaye",
  'Martin',
]
const ENGLISH_FIRST = [
  'Emily',
  'Olivia',
  'Amelia',
  'Charlotte',
  'Grace',
  'Hannah',
  'Lucy',
  'Megan',
  'Chloe',
  'Ella',
  'Isla',
  'Rachel',
  'Laura',
  'Sarah',
  'Rebecca',
  'Priya',
  'Aisha',
  'Siobhan',
  'James',
  'Oliver',
  'Jack',
  'Harry',
  'George',
  'William',
  'Daniel',
  'Samuel',
  'Benjamin',
  'Joshua',
  'Ryan',
  'Michael',
  'David',
  'Andrew',
  'Matthew',
  'Liam',
  'Connor',
  'Ethan',
  'Raj',
  'Kwame',
  'Tomasz',
  'Mei',
]
const ENGLISH_LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Robinson',
  'Wright',
  'Thompson',
  'Evans',
  'Walker',
  'White',
  'Roberts',
  'Green',
  'Hall',
  'Wood',
  'Jackson',
  'Clarke',
  'Patel',
  'Khan',
  'Lewis',
  'Harris',
  'Cooper',
  'King',
  'Baker',
  'Turner',
  'Hughes',
  'Edwards',
  "O'Brien",
  'Murphy',
  'McAllister',
  'Fitzgerald',
  'Okafor',
  'Chen',
  'Kowalski',
  'Singh',
  'Bennett',
  'Porter',
]

export type GeneratedPerson = { displayName: string; emailLocal: string; language: Language }

/** `count` people with realistic, varied names and unique e-mail local parts, the same on every run. */
export function generatePeople(opts: {
  count: number
  seed: number
  /** Share of French names; most French-named people use the app in French, a few do not. */
  frenchShare: number
  /** Local parts already in use in the organization; the generated ones are added to it. */
  takenLocals: Set<string>
  /** Display names kept for the demo's named people, so nobody signs in next to a double. */
  reservedNames: Set<string>
}): GeneratedPerson[] {
  const random = seededRandom(opts.seed)
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!
  const people: GeneratedPerson[] = []
  while (people.length < opts.count) {
    const french = random() < opts.frenchShare
    const first = pick(french ? FRENCH_FIRST : ENGLISH_FIRST)
    const last = pick(french ? FRENCH_LAST : ENGLISH_LAST)
    const displayName = `${first} ${last}`
    const speaksFrench = french ? random() < 0.85 : random() < 0.1
    if (first === last || opts.reservedNames.has(displayName)) continue
    const emailLocal = uniqueLocal(`${emailSlug(first)}.${emailSlug(last)}`, opts.takenLocals)
    people.push({ displayName, emailLocal, language: speaksFrench ? 'fr' : 'en' })
  }
  return people
}

/** Lower-case ASCII for an e-mail address: "Hélène" → "helene", "Le Gall" → "legall", "O'Brien" → "obrien". */
export function emailSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '')
}

/** The local part itself when free, else with the first free number: jean.dupont, jean.dupont2, … */
function uniqueLocal(base: string, taken: Set<string>): string {
  let local = base
  for (let n = 2; taken.has(local); n++) local = `${base}${n}`
  taken.add(local)
  return local
}

// mulberry32: a tiny PRNG, so the demo is the same on every machine and every run (no Math.random).
function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}
