import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import { ErrorSummary, type FieldError } from './error-summary'
import { TextField } from './text-field'

/** A filter's error summary in a slot of its own, which htmx replaces after each change of filter. */
export function ErrorSlot(p: { id: string; ctx: ViewContext; errors: FieldError[] }): SafeHtml {
  return (
    <div id={p.id}>
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
    </div>
  )
}

/** The From and To dates of a filter (`from`, `to`), each with its own message, in a slot htmx replaces. */
export function DateRangeFields(p: {
  id: string
  labels: { from: string; to: string }
  values: { from: string; to: string }
  errors: FieldError[]
}): SafeHtml {
  const error = (field: string) => p.errors.find((e) => e.field === field)?.message
  return (
    <div id={p.id} class="field-row">
      <TextField id="from" name="from" type="date" label={p.labels.from} value={p.values.from} error={error('from')} />
      <TextField id="to" name="to" type="date" label={p.labels.to} value={p.values.to} error={error('to')} />
    </div>
  )
}
