import { h, type SafeHtml } from '../html'
import type { ViewContext } from '../context'

export type FieldError = { field: string; message: string }

/**
 * The error summary (GOV.UK pattern): a list of links to the failing fields, at the top of
 * <main>. role="alert" makes screen readers announce it when it appears after a swap;
 * tabindex=-1 + autofocus move focus to it both on a full page load and after an htmx swap
 * (htmx focuses the first [autofocus] in new content), so keyboard users land on it.
 */
export function ErrorSummary(props: { ctx: ViewContext; errors: FieldError[] }): SafeHtml {
  if (props.errors.length === 0) return h('div', null)
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" autofocus>
      <h2 id="error-summary-title">{props.ctx.t('errors.summaryTitle')}</h2>
      <ul>
        {props.errors.map((e) => (
          <li>
            <a href={`#${e.field}`}>{e.message}</a>
          </li>
        ))}
      </ul>
    </div>
  )
}
