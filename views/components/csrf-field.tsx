import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'

/** The form field that carries the token; src/http/csrf.ts reads it by this name. */
export const CSRF_FIELD = '_csrf'

/** The hidden token every POST form carries; src/http/csrf.ts checks it against the ss_csrf cookie. */
export function CsrfField(p: { ctx: ViewContext }): SafeHtml {
  return <input type="hidden" name={CSRF_FIELD} value={p.ctx.csrfToken} />
}
