import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { SidePane } from '../../components/side-pane'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { assignCloseUrl, licensesUrl, unassignUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

export type UnassignProps = {
  ctx: ViewContext
  asPage?: boolean
  id: string
  productName: string
  people: { id: string; displayName: string; email: string }[]
}

/** The confirmation before unassigning (DESIGN §11): a page without JS, a dialog-like pane with htmx. */
export function UnassignConfirm(p: UnassignProps): SafeHtml {
  const { t } = p.ctx
  const url = unassignUrl(p.id)
  return (
    <div id="pane" class="pane-slot">
      <div role="alertdialog" aria-labelledby="pane-title" aria-describedby="unassign-body">
        <SidePane
          asPage={p.asPage}
          title={t('unassign.title')}
          closeHref={licensesUrl(p.id)}
          closeLabel={t('unassign.cancel')}
          closeAttrs={{ 'hx-get': assignCloseUrl(p.id), 'hx-target': '#pane', 'hx-swap': 'outerHTML' }}
        >
          <p id="unassign-body">{t('unassign.body', { product: p.productName })}</p>
          <ul>
            {p.people.map((u) => (
              <li>{`${u.displayName} (${u.email})`}</li>
            ))}
          </ul>
          <form
            method="post"
            action={url}
            {...(p.asPage ? {} : { 'hx-post': url, 'hx-target': '#pane', 'hx-swap': 'outerHTML' })}
          >
            <CsrfField ctx={p.ctx} />
            <input type="hidden" name="confirm" value="yes" />
            {p.people.map((u) => (
              <input type="hidden" name="userIds" value={u.id} />
            ))}
            <button type="submit" class="button button--warning">
              {t('unassign.confirm')}
            </button>
          </form>
        </SidePane>
      </div>
    </div>
  )
}

export function UnassignPage(p: UnassignProps): string {
  return Layout({ ctx: p.ctx, title: p.ctx.t('unassign.title'), children: UnassignConfirm({ ...p, asPage: true }) })
}

/** htmx: a refusal shown in the pane slot (not a whole page nested in it), focused for the reader. */
export function PaneErrors(p: { ctx: ViewContext; errors: FieldError[] }): SafeHtml {
  return (
    <div id="pane" class="pane-slot">
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
    </div>
  )
}
