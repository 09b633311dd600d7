import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'
import type { FieldError } from './error-summary'
import { SidePane } from './side-pane'

/** For htmx: an action opened in a pane was refused before its form could be shown (the
 *  subscription changed meanwhile). A small dialog says why; without JavaScript the page the
 *  action belongs to shows the same messages in its error summary. */
export function PaneRefusal(p: { ctx: ViewContext; title: string; closeHref: string; errors: FieldError[] }): SafeHtml {
  const { t } = p.ctx
  return (
    <SidePane
      kind="confirm"
      describedBy="pane-refusal"
      title={p.title}
      closeHref={p.closeHref}
      closeLabel={t('change.close')}
    >
      <div id="pane-refusal" role="alert">
        {p.errors.map((e) => (
          <p>{e.message}</p>
        ))}
      </div>
    </SidePane>
  )
}
