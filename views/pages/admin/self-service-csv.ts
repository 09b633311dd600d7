import { STATUS_LABELS } from '../../../src/i18n/labels'
import type { SelfServiceRow, SelfServiceUserRow } from '../../../src/services/admin/list-self-service'
import type { ViewContext } from '../../context'
import { CSV_BOM, csvLine, csvNumber } from '../../csv'
import { decimalAmount } from '../invoices/format'

// The two exports of Admin → Self-service purchases (DESIGN §8), in the admin's language; dates as
// yyyy-mm-dd and amounts as plain decimals so a spreadsheet sorts and adds them up. Every text cell
// goes through csvLine's formula guard: purchasers type their own names.

const day = (d: Date) => d.toISOString().slice(0, 10)

/** The filtered purchases (or trials), every page, one line each. */
export async function* selfServiceCsv(
  ctx: ViewContext,
  batches: AsyncIterable<Omit<SelfServiceRow, 'users'>[]>,
): AsyncGenerator<string> {
  const { t, locale } = ctx
  yield CSV_BOM +
    csvLine([
      t('selfService.col.product'),
      t('selfService.col.purchaser'),
      t('selfService.col.purchaserEmail'),
      t('selfService.col.licenses'),
      t('selfService.col.assignedCount'),
      t('selfService.col.status'),
      t('selfService.col.expires'),
      t('selfService.col.unitPrice'),
      t('selfService.col.termTotal'),
      t('invoices.col.currency'),
      t('selfService.col.term'),
      t('selfService.col.subscriptionId'),
    ])
  for await (const rows of batches)
    yield rows
      .map((r) =>
        csvLine([
          r.productName[locale],
          r.purchaser.displayName,
          r.purchaser.email,
          csvNumber(String(r.quantity)),
          csvNumber(String(r.assigned)),
          t(STATUS_LABELS[r.status]),
          day(r.expiresAt),
          csvNumber(decimalAmount(r.unitPrice, r.currency)),
          csvNumber(decimalAmount(r.termTotal, r.currency)),
          r.currency,
          t(`products.term.${r.billingFrequency}`),
          r.id,
        ]),
      )
      .join('')
}

/** Export users: one line per licence of the filtered purchases. */
export async function* selfServiceUsersCsv(
  ctx: ViewContext,
  batches: AsyncIterable<SelfServiceUserRow[]>,
): AsyncGenerator<string> {
  const { t, locale } = ctx
  yield CSV_BOM +
    csvLine([
      t('selfService.col.user'),
      t('selfService.col.email'),
      t('selfService.col.assignedAt'),
      t('selfService.col.product'),
      t('selfService.col.purchaser'),
      t('selfService.col.subscriptionId'),
    ])
  for await (const rows of batches)
    yield rows
      .map((r) =>
        csvLine([r.displayName, r.email, day(r.assignedAt), r.productName[locale], r.purchaserName, r.subscriptionId]),
      )
      .join('')
}
