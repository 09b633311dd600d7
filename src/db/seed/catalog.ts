import { inArray } from 'drizzle-orm'
import { DAY_MS } from '../../money/proration'
import type { Tx } from '../client'
import { products } from '../schema/index'

export type Product = typeof products.$inferSelect
/** Demo products by code. */
export type Catalog = Map<string, Product>

type ProductSeed = Omit<typeof products.$inferInsert, 'id' | 'createdAt' | 'currency'>

// The catalog predates the demo organizations, so it is listed from the start of their history.
const CATALOG_AGE_DAYS = 400

// Neutral names on purpose; the codes follow the admin center's style. Prices are per licence,
// in euro cents: a month on monthly billing, a year on annual billing (about ten months' worth).
// The offers are spread so that every checkout path has a product: both trial kinds, a product
// that is not self-service, and one with a lower licence maximum.
const DEMO_PRODUCTS: ProductSeed[] = [
  {
    code: 'PROJ-P3',
    nameEn: 'Project Planning Plan 3',
    nameFr: 'Planification de projets Plan 3',
    descriptionEn: 'Plan projects, schedules and resources, and track progress with your team.',
    descriptionFr: 'Planifiez projets, calendriers et ressources, et suivez l’avancement avec votre équipe.',
    monthlyPrice: 2810,
    annualPrice: 28_100,
    trialOffer: 'none',
  },
  {
    code: 'VISIO-P2',
    nameEn: 'Diagramming Plan 2',
    nameFr: 'Diagrammes Plan 2',
    descriptionEn: 'Draw flowcharts, floor plans and network diagrams, alone or together.',
    descriptionFr: 'Dessinez des organigrammes, des plans d’étage et des schémas réseau, seul ou à plusieurs.',
    monthlyPrice: 1410,
    annualPrice: 14_100,
    trialOffer: 'with_payment_method',
  },
  {
    code: 'PBI-PRO',
    nameEn: 'Business Insights Pro',
    nameFr: 'Analyses décisionnelles Pro',
    descriptionEn: 'Build interactive reports and dashboards and share them across your organization.',
    descriptionFr:
      'Créez des rapports et des tableaux de bord interactifs et partagez-les dans toute votre organisation.',
    monthlyPrice: 940,
    annualPrice: 9400,
    trialOffer: 'none',
  },
  {
    code: 'TEAMS-ESS',
    nameEn: 'Team Meetings Essentials',
    nameFr: 'Réunions d’équipe Essentiel',
    descriptionEn: 'Online meetings, chat and file sharing for small teams.',
    descriptionFr: 'Réunions en ligne, conversations et partage de fichiers pour les petites équipes.',
    monthlyPrice: 375,
    annualPrice: 3750,
    trialOffer: 'with_payment_method',
  },
  {
    code: 'BOOK-BIZ',
    nameEn: 'Appointment Booking',
    nameFr: 'Prise de rendez-vous',
    descriptionEn: 'Let customers book appointments online and keep every calendar in sync.',
    descriptionFr: 'Vos clients prennent rendez-vous en ligne et tous les calendriers restent synchronisés.',
    monthlyPrice: 500,
    annualPrice: 5000,
    selfService: false,
    trialOffer: 'none',
  },
  {
    code: 'DEV-TOOLS',
    nameEn: 'Developer Toolkit',
    nameFr: 'Boîte à outils du développeur',
    descriptionEn: 'Code editor extensions, build pipelines and test environments in one subscription.',
    descriptionFr:
      'Extensions d’éditeur de code, chaînes de compilation et environnements de test en un seul abonnement.',
    monthlyPrice: 1200,
    annualPrice: 12_000,
    trialOffer: 'none',
    maxQuantity: 300,
  },
  {
    code: 'WHITEBOARD',
    nameEn: 'Shared Whiteboard',
    nameFr: 'Tableau blanc partagé',
    descriptionEn: 'An endless canvas to sketch ideas and run workshops together in real time.',
    descriptionFr: 'Un canevas infini pour esquisser des idées et animer des ateliers ensemble en temps réel.',
    monthlyPrice: 280,
    annualPrice: 2800,
    trialOffer: 'without_payment_method',
  },
  {
    code: 'FORMS-PRO',
    nameEn: 'Forms and Surveys Pro',
    nameFr: 'Formulaires et enquêtes Pro',
    descriptionEn: 'Create surveys, quizzes and polls, and analyse the answers as they arrive.',
    descriptionFr: 'Créez des enquêtes, des quiz et des sondages, et analysez les réponses dès leur arrivée.',
    monthlyPrice: 650,
    annualPrice: 6500,
    trialOffer: 'without_payment_method',
  },
]

/** Inserts the demo products that are missing and returns all of them by code. Products are
 *  global, so a catalog already there (another deployment's seed, an admin's edits) is kept as is. */
export async function ensureDemoProducts(tx: Tx, now: Date): Promise<Catalog> {
  const createdAt = new Date(now.getTime() - CATALOG_AGE_DAYS * DAY_MS)
  await tx
    .insert(products)
    .values(DEMO_PRODUCTS.map((p) => ({ ...p, currency: 'EUR', createdAt })))
    .onConflictDoNothing({ target: products.code })
  const rows = await tx
    .select()
    .from(products)
    .where(
      inArray(
        products.code,
        DEMO_PRODUCTS.map((p) => p.code),
      ),
    )
  return new Map(rows.map((p) => [p.code, p]))
}

export function productOf(catalog: Catalog, code: string): Product {
  const product = catalog.get(code)
  if (!product) throw new Error(`demo data names an unknown product ${code}`)
  return product
}
