import type { Clock } from '../clock'
import type { Db } from '../db/client'
import type { Logger } from '../log'
import type { PaymentGateway } from '../payments/gateway'
import type { InvoiceMailer } from './invoices/invoice-emails'

/** What every service gets: the database, the clock, the payment gateway and a logger. Nothing else is global.
 *  `mailer` delivers invoice emails; without one (production without SMTP_URL) they wait in the outbox. */
export type Deps = { db: Db; clock: Clock; gateway: PaymentGateway; log: Logger; mailer?: InvoiceMailer | undefined }

/** The signed-in user on whose behalf a service acts; the tenant always comes from here. */
export type Actor = {
  id: string
  orgId: string
  displayName: string
  email: string
  kind: 'member' | 'guest'
  role: 'user' | 'admin'
  language: 'fr' | 'en'
}
