import type { Sql } from './database'

export type BenchProduct = {
  id: string
  code: string
  nameEn: string
  monthlyPrice: number
  annualPrice: number
  maxQuantity: number
  trialOffer: 'none' | 'with_payment_method' | 'without_payment_method'
}

// The demo catalog has 7 self-service products (BOOK-BIZ is not sold here); these 3 make the 10 of
// issue 15. SEC-PLUS carries Léa's subscription of 5,000 users.
const EXTRA_PRODUCTS = [
  [
    'SEC-PLUS',
    'Security Plus',
    'Sécurité Plus',
    'Threat protection, device management and data loss prevention.',
    'Protection contre les menaces, gestion des appareils et prévention des fuites de données.',
    600,
    6000,
  ],
  [
    'MAIL-ARCH',
    'Mail Archiving',
    'Archivage des e-mails',
    'Keep every message for as long as the law requires.',
    'Conservez chaque message aussi longtemps que la loi l’exige.',
    300,
    3000,
  ],
  [
    'VOICE-STD',
    'Phone System Standard',
    'Téléphonie Standard',
    'Calls to and from phone numbers, from any device.',
    'Appels vers et depuis des numéros de téléphone, depuis n’importe quel appareil.',
    800,
    8000,
  ],
] as const

/** The demo products (already loaded) plus three more: the 10 self-service products of the data set. */
export async function benchCatalog(sql: Sql, now: Date): Promise<BenchProduct[]> {
  for (const [code, nameEn, nameFr, descriptionEn, descriptionFr, monthly, annual] of EXTRA_PRODUCTS) {
    await sql`
      insert into products (code, name_en, name_fr, description_en, description_fr, currency, monthly_price,
        annual_price, self_service, trial_offer, max_quantity, created_at)
      values (${code}, ${nameEn}, ${nameFr}, ${descriptionEn}, ${descriptionFr}, 'EUR', ${monthly}, ${annual}, true,
        'none', 10000, ${now})
      on conflict (code) do nothing`
  }
  const rows = await sql<BenchProduct[]>`
    select id, code, name_en as "nameEn", monthly_price as "monthlyPrice", annual_price as "annualPrice",
      max_quantity as "maxQuantity", trial_offer as "trialOffer"
    from products where self_service order by code`
  if (rows.length !== 10) throw new Error(`expected 10 self-service products, found ${rows.length}`)
  return rows
}
