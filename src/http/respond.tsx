import { StatusUpdate } from '../../views/components/status-message'
import { Fragment, h, type SafeHtml } from '../../views/html'
import type { AppContext } from './env'
import { setFlash } from './flash'

// How a route answers (STYLE §4, docs/architecture.md "Plain and htmx answers"). Routes call
// these instead of asking isPartial themselves, so a plain and an htmx request can only differ here.

/** An htmx request that targets part of the page: it gets a fragment, not the page. Boosted
 *  requests send HX-Request-Type: full and get the page or the redirect. */
function isPartial(c: AppContext): boolean {
  return c.req.header('hx-request') === 'true' && c.req.header('hx-request-type') !== 'full'
}

/** What htmx gets: the fragment, and the new text of the page's live region. */
export type Part = {
  fragment: SafeHtml
  status?: string | undefined
  code?: 200 | 422
  /** An event htmx fires after the swap (HX-Trigger), for parts of the page this answer cannot know. */
  event?: string
}

/** For htmx: the fragment, then the status as an <hx-partial> that htmx writes into #status,
 *  so a screen reader announces it (a region inserted with its text would not be). */
export function update(c: AppContext, part: Part): Response {
  const answer = (
    <>
      {part.fragment}
      {part.status ? <StatusUpdate message={part.status} /> : null}
    </>
  )
  if (part.event) c.header('HX-Trigger', part.event)
  return c.html(answer.html, part.code ?? 200)
}

/** A GET that htmx may ask for in part (a live filter or summary): the part, else the whole page. */
export async function pageOrPart(
  c: AppContext,
  page: () => string | Response | Promise<string | Response>,
  part: () => Part | Promise<Part>,
): Promise<Response> {
  if (isPartial(c)) return update(c, await part())
  const whole = await page()
  return typeof whole === 'string' ? c.html(whole) : whole
}

export type Done = {
  /** Where a plain request goes: 303 See Other (POST → redirect → GET). */
  redirect: string
  /** A message carried across the redirect in the flash cookie, for a page whose URL does not say it. */
  flash?: string
  /** For htmx: the regions the change touched and what happened; built only when htmx asks. */
  partial: () => Part | Promise<Part>
}

/** A change succeeded (or a pane closed): a plain request is redirected, htmx gets the part. */
export async function done(c: AppContext, d: Done): Promise<Response> {
  if (isPartial(c)) return update(c, await d.partial())
  if (d.flash) setFlash(c, d.flash)
  return c.redirect(d.redirect, 303)
}

/** A form that opens in a pane: the pane for htmx, a page of its own without JavaScript. */
export type FormViews<P> = { pane: (p: P) => SafeHtml; page: (p: P) => string }

/** Shows a form (pane or page): 200 to open it or re-render it after a search or a preview. */
export function showForm<P>(c: AppContext, views: FormViews<P>, props: P, code: 200 | 422 = 200): Response {
  return c.html(isPartial(c) ? views.pane(props).html : views.page(props), code)
}

/** A form shown again after a preview or a search, which change nothing: htmx gets it in place; a
 *  plain request is sent to the form's GET URL that shows the same (POST → 303 → GET), so Back after
 *  the next step never lands on the browser's resubmission prompt. */
export async function shownAgain<P>(
  c: AppContext,
  views: FormViews<P>,
  props: () => P | Promise<P>,
  getUrl: string,
): Promise<Response> {
  if (!isPartial(c)) return c.redirect(getUrl, 303)
  return c.html(views.pane(await props()).html)
}

/** Invalid input or a refusal: the same pane or page again, with its error summary, and a 422
 *  (htmx 4 swaps it like a 200). `props` carries the errors the summary lists. */
export function invalid<P>(c: AppContext, views: FormViews<P>, props: P): Response {
  return showForm(c, views, props, 422)
}
