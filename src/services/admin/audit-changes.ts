// An audit event's before and after (JSON) as the log shows them: the fields that changed, each with its
// value before and after as text. A field only in `after` was set (a creation); only in `before`, removed.

/** One changed field; null on a side means the field was not there (or was null). */
export type AuditChange = { field: string; before: string | null; after: string | null }

type Fields = Record<string, unknown>

function fieldsOf(value: unknown): Fields | null {
  if (value === null || value === undefined) return null
  // A bare value (not an object) reads as one field, so it is still shown.
  return typeof value === 'object' && !Array.isArray(value) ? (value as Fields) : { value }
}

/** A value as text: strings as they are, anything else as compact JSON ("5", "true", {"city":"Lyon"}). */
function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The fields whose value differs between before and after, in the order they first appear. */
export function auditChanges(before: unknown, after: unknown): AuditChange[] {
  const b = fieldsOf(before)
  const a = fieldsOf(after)
  const fields = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
  return fields
    .map((field) => ({ field, before: textOf(b?.[field]), after: textOf(a?.[field]) }))
    .filter((c) => c.before !== c.after)
}
