/** A keyset cursor: the (time, id) of the row a page starts after, and which way it reads. */
export type KeysetCursor<Id> = { direction: 'older' | 'newer'; at: Date; id: Id }

/**
 * One page of a newest-first list read by keyset: `found` is what the query returned for `size + 1`
 * rows in the cursor's direction (upwards for `newer`). The page lists newest first whichever way
 * it was read, and says whether an older and a newer page exist, as cursors on its last and first row.
 */
export function keysetPage<Row, Id>(
  found: Row[],
  size: number,
  cursor: KeysetCursor<Id> | null,
  keyOf: (row: Row) => { at: Date; id: Id },
): { rows: Row[]; older: KeysetCursor<Id> | null; newer: KeysetCursor<Id> | null } {
  const more = found.length > size
  const rows = found.slice(0, size)
  const readingNewer = cursor?.direction === 'newer'
  if (readingNewer) rows.reverse()
  const first = rows[0]
  const last = rows.at(-1)
  const olderExists = readingNewer ? true : more
  const newerExists = readingNewer ? more : cursor !== null
  return {
    rows,
    older: olderExists && last ? { direction: 'older', ...keyOf(last) } : null,
    newer: newerExists && first ? { direction: 'newer', ...keyOf(first) } : null,
  }
}
