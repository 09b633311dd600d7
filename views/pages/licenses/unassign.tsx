import type { ViewContext } from '../../context'
import type { FieldError } from '../../components/error-summary'
import { PaneRefusal } from '../../components/pane-refusal'
import { SidePane, paneForm } from '../../components/side-pane'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { licensesUrl, unassignUrl } from '../../urls'
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
    <SidePane
      asPage={p.asPage}
      kind="confirm"
      describedBy="unassign-body"
      title={t('unassign.title')}
      closeHref={licensesUrl(p.id)}
      closeLabel={t('unassign.cancel')}
    >
      <p id="unassign-body">{t('unassign.body', { product: p.productName })}</p>
      <ul>
        {p.people.map((u) => (
          <li>{`${u.displayName} (${u.email})`}</li>
        ))}
      </ul>
      <form method="post" action={url} {...paneForm(url, p.asPage)}>
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
  )
}

export function UnassignPage(p: UnassignProps): string {
  return Layout({ ctx: p.ctx, title: p.ctx.t('unassign.title'), children: UnassignConfirm({ ...p, asPage: true }) })
}

/** htmx: a refusal shown in a small dialog (not a whole page nested in it), focused for the reader. */
export function PaneErrors(p: { ctx: ViewContext; id: string; errors: FieldError[] }): SafeHtml {
  return PaneRefusal({ ctx: p.ctx, title: p.ctx.t('unassign.title'), closeHref: licensesUrl(p.id), errors: p.errors })
}
