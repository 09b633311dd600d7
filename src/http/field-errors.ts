import type { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { isMessageKey, type Translate } from '../i18n/index'

/** A form's zod issues as the error summary's entries: one per field (the first), in the reader's
 *  language. A schema's messages are catalog keys; anything else falls back to the summary title. */
export function fieldErrors(t: Translate, error: z.ZodError): FieldError[] {
  const errors = error.issues.map((i) => ({
    field: String(i.path[0]),
    message: t(isMessageKey(i.message) ? i.message : 'errors.summaryTitle'),
  }))
  return errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i)
}
