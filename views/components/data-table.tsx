import { h, type Child, type SafeHtml } from '../html'

export type Column<Row> = { header: string; cell: (row: Row) => Child; numeric?: boolean }

/** A captioned table with column headers; the first cell of each row is its row header. On a narrow
 *  screen the table scrolls sideways in its wrapper, which is therefore a named, focusable region:
 *  a keyboard user can scroll it too (axe: scrollable-region-focusable). */
export function DataTable<Row>(p: {
  caption: string
  columns: Column<Row>[]
  rows: Row[]
  captionHidden?: boolean
  /** An id per row, so focus can find the row again after the table is re-rendered. */
  rowId?: (row: Row) => string
}): SafeHtml {
  return (
    <section class="table-wrap" aria-label={p.caption} tabindex="0">
      <table>
        <caption class={p.captionHidden ? 'visually-hidden' : undefined}>{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th scope="col" class={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.rows.map((row) => (
            <tr id={p.rowId?.(row)}>
              {p.columns.map((c, i) =>
                i === 0 ? (
                  <th scope="row">{c.cell(row)}</th>
                ) : (
                  <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}
