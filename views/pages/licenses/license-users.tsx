import type { AssignedPage } from '../../../src/services/licenses/list-licenses'
import { formatDate, formatNumber } from '../../../src/i18n/format'
import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { Fragment, h, type SafeHtml } from '../../html'
import { Pagination } from '../../components/pagination'
import { Layout } from '../../layout'
import { assignUrl, licensesUrl, unassignUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'
import { EmptyPane, PANE_TARGET, paneLink } from '../../components/side-pane'

export const USERS_REGION_ID = 'license-users'

/** The assigned users (search, pages, checkboxes) and the Unassign button: the part htmx swaps. */
export function LicenseUsers(p: { ctx: ViewContext; data: AssignedPage; q: string; selected?: string[] }): SafeHtml {
  const { t, locale } = p.ctx
  const d = p.data
  const id = d.subscription.id
  const chosen = new Set(p.selected ?? [])
  return (
    <div id={USERS_REGION_ID}>
      <p class="count">{t('licenses.assignedCount', { count: d.total })}</p>
      {d.users.length === 0 ? (
        <p class="empty">{p.q ? t('licenses.noMatch', { q: p.q }) : t('licenses.noneAssigned')}</p>
      ) : (
        <form method="post" action={unassignUrl(id)} hx-post={unassignUrl(id)} {...PANE_TARGET}>
          <CsrfField ctx={p.ctx} />
          {/* The action and how many are chosen sit above the table, not a page of Tab stops below. */}
          <div class="toolbar">
            <button type="submit" class="button button--secondary" id="unassign-open">
              {t('unassign.submit')}
            </button>
            <p class="toolbar__note">
              {t('licenses.selectedLabel')}{' '}
              <span data-selected-count="userIds">{formatNumber(chosen.size, locale)}</span>
            </p>
          </div>
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t('licenses.assignedTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('licenses.selectColumn')}</th>
                  <th scope="col">{t('details.col.name')}</th>
                  <th scope="col">{t('details.col.email')}</th>
                  <th scope="col">{t('details.col.assignedOn')}</th>
                </tr>
              </thead>
              <tbody>
                {d.users.map((u) => (
                  <tr>
                    <td>
                      <input
                        type="checkbox"
                        name="userIds"
                        value={u.id}
                        id={`user-${u.id}`}
                        checked={chosen.has(u.id)}
                      />
                    </td>
                    <th scope="row">
                      <label for={`user-${u.id}`}>{u.displayName}</label>
                    </th>
                    <td>{u.email}</td>
                    <td>{formatDate(u.assignedAt, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </form>
      )}
      <Pagination
        ctx={p.ctx}
        label={t('licenses.pagination')}
        page={d.page}
        pages={d.pages}
        href={(page, side) =>
          licensesUrl(id, { q: p.q, page, ...(side === 'prev' ? { before: d.prev } : { after: d.next }) })
        }
      />
    </div>
  )
}

/** One product's licences: counts, Assign licenses, and the assigned users. */
export function LicenseUsersPage(p: {
  ctx: ViewContext
  data: AssignedPage
  q: string
  assignable: boolean
  status?: string | undefined
  errors?: FieldError[]
  selected?: string[]
}) {
  const { t, locale } = p.ctx
  const s = p.data.subscription
  const errors = p.errors ?? []
  return Layout({
    ctx: p.ctx,
    title: s.productName[locale],
    status: p.status,
    hasErrors: errors.length > 0,
    children: (
      <div>
        <ErrorSummary ctx={p.ctx} errors={errors} />
        <p class="back">
          <a href={licensesUrl()}>{t('licenses.back')}</a>
        </p>
        <h1>{s.productName[locale]}</h1>
        <LicenseCounts ctx={p.ctx} row={s} />
        {p.assignable ? <AssignOpener ctx={p.ctx} id={s.id} /> : <p class="notice">{t('licenses.notAssignable')}</p>}
        <section aria-labelledby="users-title">
          <h2 id="users-title">{t('licenses.assignedTitle')}</h2>
          {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader */}
          <form
            method="get"
            action={licensesUrl(s.id)}
            role="search"
            class="search-form"
            hx-get={licensesUrl(s.id)}
            hx-trigger="input changed delay:400ms from:#q, submit"
            hx-target={`#${USERS_REGION_ID}`}
            hx-swap="outerHTML"
            hx-push-url="true"
          >
            <label for="q">{t('licenses.searchAssigned')}</label>
            <input type="search" id="q" name="q" value={p.q} />
            <button type="submit" class="button button--secondary">
              {t('licenses.search')}
            </button>
          </form>
          <LicenseUsers ctx={p.ctx} data={p.data} q={p.q} selected={p.selected} />
        </section>
      </div>
    ),
  })
}

export function LicenseCounts(p: {
  ctx: ViewContext
  row: { quantity: number; assigned: number; available: number }
}): SafeHtml {
  const { t } = p.ctx
  return (
    <p id="license-counts" class="lead">
      {t('licenses.counts', {
        assigned: t('licenses.counts.assigned', { count: p.row.assigned }),
        available: t('licenses.counts.available', { count: p.row.available }),
        total: t('licenses.counts.total', { count: p.row.quantity }),
      })}
    </p>
  )
}

export function AssignOpener(p: { ctx: ViewContext; id: string }): SafeHtml {
  return (
    <p id="assign-opener">
      <a class="button" {...paneLink(assignUrl(p.id))}>
        {p.ctx.t('assign.open')}
      </a>
    </p>
  )
}

/** htmx after an assign or unassign: the pane closes (public/js/app.js gives focus back to the
 *  control that opened it), the counts and the list are fresh. */
export function ClosedAssignPane(p: { ctx: ViewContext; data: AssignedPage }): SafeHtml {
  return (
    <>
      <EmptyPane />
      <hx-partial hx-target="#license-counts" hx-swap="outerHTML">
        <LicenseCounts ctx={p.ctx} row={p.data.subscription} />
      </hx-partial>
      <hx-partial hx-target={`#${USERS_REGION_ID}`} hx-swap="outerHTML">
        <LicenseUsers ctx={p.ctx} data={p.data} q="" />
      </hx-partial>
    </>
  )
}
