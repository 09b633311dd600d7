import type { Candidate } from '../../../src/services/licenses/list-licenses'
import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { SidePane, paneForm } from '../../components/side-pane'
import { h, type SafeHtml } from '../../html'
import { Layout } from '../../layout'
import { assignResultsUrl, assignUrl, licensesUrl } from '../../urls'
import { CsrfField } from '../../components/csrf-field'

export const ASSIGN_RESULTS_ID = 'assign-results'

export type AssignProps = {
  ctx: ViewContext
  asPage?: boolean
  id: string
  productName: string
  available: number
  q: string
  chosen: { id: string; displayName: string; email: string }[]
  results: Candidate[]
  errors: FieldError[]
}

/**
 * The chosen people (kept checked across searches) and the people found. One form: "Search people"
 * posts it with intent=search, which only re-renders the pane (so nothing chosen is lost without
 * JavaScript); "Assign" posts it to assign. With htmx, typing refreshes only this list.
 */
export function AssignResults(p: AssignProps): SafeHtml {
  const { t } = p.ctx
  const chosenIds = new Set(p.chosen.map((c) => c.id))
  const found = p.results.filter((r) => !chosenIds.has(r.id))
  return (
    <div id={ASSIGN_RESULTS_ID}>
      {p.chosen.length > 0 ? (
        <fieldset class="people">
          <legend>{t('assign.selected')}</legend>
          {p.chosen.map((c) => (
            <div class="checkbox">
              <input type="checkbox" name="userIds" value={c.id} id={`chosen-${c.id}`} checked />
              <label for={`chosen-${c.id}`}>{t('assign.choose', { name: c.displayName, email: c.email })}</label>
            </div>
          ))}
        </fieldset>
      ) : null}
      <fieldset class="people" id="userIds" tabindex="-1">
        <legend>{t('assign.resultsTitle')}</legend>
        {!p.q ? (
          <p>{t('assign.typeToSearch')}</p>
        ) : found.length === 0 && p.results.length === 0 ? (
          <p>{t('assign.noResults', { q: p.q })}</p>
        ) : (
          <div>
            <p class="count">{t('assign.results', { count: p.results.length })}</p>
            {found.map((r) => (
              <div class="checkbox">
                <input type="checkbox" name="userIds" value={r.id} id={`person-${r.id}`} disabled={r.hasLicense} />
                <label for={`person-${r.id}`}>
                  {r.hasLicense
                    ? t('assign.hasLicense', { name: r.displayName, email: r.email })
                    : t('assign.choose', { name: r.displayName, email: r.email })}
                </label>
              </div>
            ))}
          </div>
        )}
      </fieldset>
    </div>
  )
}

export function AssignPane(p: AssignProps): SafeHtml {
  const { t } = p.ctx
  const url = assignUrl(p.id)
  return (
    <SidePane
      asPage={p.asPage}
      hasErrors={p.errors.length > 0}
      title={t('assign.title')}
      closeHref={licensesUrl(p.id)}
      closeLabel={t('change.close')}
    >
      <ErrorSummary ctx={p.ctx} errors={p.errors} />
      <p>{t('assign.available', { count: p.available })}</p>
      {/* As a page of its own the form posts plainly; inside the pane htmx keeps it in the pane. */}
      <form method="post" action={url} novalidate {...paneForm(url, p.asPage)}>
        <CsrfField ctx={p.ctx} />
        <div class="field">
          <label for="assign-q">{t('assign.searchLabel')}</label>
          <p class="field__hint" id="assign-q-hint">
            {t('assign.searchHint')}
          </p>
          <input
            type="search"
            id="assign-q"
            name="q"
            value={p.q}
            aria-describedby="assign-q-hint"
            autocomplete="off"
            hx-get={assignResultsUrl(p.id)}
            hx-trigger="input changed delay:300ms"
            hx-include={`#assign-q, #${ASSIGN_RESULTS_ID} input[name=userIds]:checked`}
            hx-target={`#${ASSIGN_RESULTS_ID}`}
            hx-swap="outerHTML"
          />
        </div>
        {/* Searching re-renders this pane with the chosen people still checked; it changes nothing. */}
        <button type="submit" class="button button--secondary" name="intent" value="search">
          {t('assign.search')}
        </button>
        <AssignResults {...p} />
        <button type="submit" class="button">
          {t('assign.submit')}
        </button>
      </form>
    </SidePane>
  )
}

export function AssignPage(p: AssignProps): string {
  return Layout({
    ctx: p.ctx,
    title: `${p.ctx.t('assign.title')} – ${p.productName}`,
    hasErrors: p.errors.length > 0,
    children: AssignPane({ ...p, asPage: true }),
  })
}

/** htmx refreshes the list as the user types; this count goes to the live region. */
export function assignResultsText(p: AssignProps): string {
  if (!p.q) return ''
  return p.results.length
    ? p.ctx.t('assign.results', { count: p.results.length })
    : p.ctx.t('assign.noResults', { q: p.q })
}
