import { and, desc, eq, inArray } from 'drizzle-orm'
import { z } from 'zod'
import { invoices, notifications, products, subscriptions } from '../../db/schema/index'
import { TAKE_OVER_REASONS, type TakeOverReason } from '../admin/take-over-plan'
import type { Actor, Deps } from '../deps'

export const NOTIFICATIONS_SHOWN = 50

/** What a notification says happened, decided from its kind, its data and the document it names. A date the
 *  row does not hold (a row written before it carried one) is null, never an empty string. */
export type NotificationEvent =
  | {
      kind: 'invoice_issued' | 'credit_note_issued'
      /** The document, which the notification opens (its page, /billing/invoices/:id). */
      invoiceId: string
      number: number
      amount: { total: number; currency: string }
    }
  /** An invoice notification whose document cannot be found: it says an invoice was issued, nothing more. */
  | { kind: 'document_issued' }
  | { kind: 'trial_ending' | 'subscription_expired' | 'renewal_failed' | 'conversion_failed'; date: Date | null }
  /** An admin took the subscription over (DESIGN §8): who, and where its users went or why it was cancelled. A row
   *  without them (written before take-over said so) reads as "an administrator took over …". */
  | {
      kind: 'take_over'
      by: string | null
      movedTo: { owner: string; central: boolean } | null
      reason: TakeOverReason | null
      note: string | null
    }

export type NotificationRow = {
  id: string
  event: NotificationEvent
  productName: { en: string; fr: string } | null
  /** The subscription the notification opens; null when there is none to open (deleted, or none named). */
  subscriptionId: string | null
  createdAt: Date
  unread: boolean
}

type Data = Record<string, string | number>
type Document = { id: string; kind: 'invoice' | 'credit_note'; number: number; total: number; currency: string }

/** The signed-in user's newest notifications (DESIGN §9). No refusals. */
export async function listNotifications(deps: Deps, actor: Actor): Promise<NotificationRow[]> {
  const rows = await deps.db
    .select({
      n: notifications,
      nameEn: products.nameEn,
      nameFr: products.nameFr,
      status: subscriptions.status,
      trialEndsAt: subscriptions.trialEndsAt,
    })
    .from(notifications)
    .leftJoin(subscriptions, eq(subscriptions.id, notifications.subscriptionId))
    .leftJoin(products, eq(products.id, subscriptions.productId))
    .where(and(eq(notifications.orgId, actor.orgId), eq(notifications.userId, actor.id)))
    .orderBy(desc(notifications.createdAt))
    .limit(NOTIFICATIONS_SHOWN)
  const documents = await documentsNamed(
    deps,
    actor,
    rows.map((r) => r.n.data.invoiceId),
  )
  return rows.map(({ n, nameEn, nameFr, status, trialEndsAt }) => ({
    id: n.id,
    event: eventOf(n.kind, n.data, documents, trialEndsAt),
    productName: nameEn && nameFr ? { en: nameEn, fr: nameFr } : null,
    subscriptionId: status && status !== 'deleted' ? n.subscriptionId : null,
    createdAt: n.createdAt,
    unread: n.readAt === null,
  }))
}

/** The invoices and credit notes the notifications name, read from the documents themselves: a notification
 *  stores only the id and number, and the document says whether it is a credit note and for how much. */
async function documentsNamed(deps: Deps, actor: Actor, named: unknown[]): Promise<Map<string, Document>> {
  const ids = [...new Set(named.filter((id): id is string => z.uuid().safeParse(id).success))]
  if (ids.length === 0) return new Map()
  const found = await deps.db
    .select({
      id: invoices.id,
      kind: invoices.kind,
      number: invoices.number,
      total: invoices.total,
      currency: invoices.currency,
    })
    .from(invoices)
    .where(and(eq(invoices.orgId, actor.orgId), inArray(invoices.id, ids)))
  return new Map(found.map((d) => [d.id, d]))
}

function eventOf(
  kind: (typeof notifications.kind.enumValues)[number],
  data: Data,
  documents: Map<string, Document>,
  trialEndsAt: Date | null,
): NotificationEvent {
  switch (kind) {
    case 'invoice_issued': {
      // Credit notes were notified as invoice_issued too: the document's kind tells them apart.
      const d = typeof data.invoiceId === 'string' ? documents.get(data.invoiceId) : undefined
      if (!d) return { kind: 'document_issued' }
      const amount = { total: d.total, currency: d.currency }
      const event = d.kind === 'credit_note' ? 'credit_note_issued' : 'invoice_issued'
      return { kind: event, invoiceId: d.id, number: d.number, amount }
    }
    // The demo data once wrote trialEndsAt and expiredAt instead of date; those rows are still read.
    case 'trial_ending':
      return { kind, date: dateIn(data, 'date', 'trialEndsAt') ?? trialEndsAt }
    case 'subscription_expired':
      return { kind, date: dateIn(data, 'date', 'expiredAt') }
    case 'renewal_failed':
      return { kind: data.type === 'convert' ? 'conversion_failed' : kind, date: dateIn(data, 'date') }
    case 'take_over':
      return {
        kind,
        by: textIn(data, 'by'),
        movedTo: textIn(data, 'to') !== null ? { owner: String(data.to), central: data.toSource === 'admin' } : null,
        reason: TAKE_OVER_REASONS.find((r) => r === data.reason) ?? null,
        note: textIn(data, 'note'),
      }
  }
}

/** A non-empty text the row holds under `key`, or null. */
function textIn(data: Data, key: string): string | null {
  const value = data[key]
  return typeof value === 'string' && value !== '' ? value : null
}

/** The first of `keys` that holds a valid date. */
function dateIn(data: Data, ...keys: string[]): Date | null {
  for (const key of keys) {
    const value = data[key]
    if (typeof value !== 'string') continue
    const date = new Date(value)
    if (!Number.isNaN(date.getTime())) return date
  }
  return null
}
