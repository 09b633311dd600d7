import { Fragment, h, type Child, type SafeHtml } from '../html'

// Side panes and confirmations (DESIGN §11, docs/architecture.md "Panes and dialogs").
// Without JavaScript a pane is a page of its own at its own URL. With htmx the same URL's answer
// is swapped into #pane, which the layout keeps inside one <dialog>; public/js/app.js opens it as
// a modal (the page behind is inert), closes it on Escape or Close, and gives focus back to the
// control that opened it. A response whose #pane is empty closes the dialog.

export const PANE_ID = 'pane'
export const PANE_DIALOG_ID = 'pane-dialog'

/** Where htmx puts a pane: into the slot inside the layout's dialog, without the answer's own
 *  slot wrapper. The slot itself stays, so htmx's events after the swap still reach the document. */
export const PANE_TARGET = { 'hx-target': `#${PANE_ID}`, 'hx-swap': 'innerHTML strip:true' } as const

/** A link that opens a pane: a page without JavaScript, the dialog with it. Give it an id when
 *  the region around it is re-rendered after the change, so focus can find it again. */
export function paneLink(href: string): Record<string, string> {
  return { href, 'hx-get': href, ...PANE_TARGET }
}

/** A form inside a pane: it posts plainly as a page, and into the pane with htmx. */
export function paneForm(url: string, asPage: boolean | undefined): Record<string, string> {
  return asPage ? {} : { 'hx-post': url, ...PANE_TARGET }
}

/** The slot a pane's content lives in. As a page of its own the content stands alone (the layout's
 *  dialog holds the only #pane). */
export function PaneSlot(p: { asPage?: boolean | undefined; children?: Child }): SafeHtml {
  if (p.asPage) return <>{p.children}</>
  return (
    <div id={PANE_ID} class="pane-slot">
      {p.children}
    </div>
  )
}

/** For htmx: an empty slot, which closes the dialog. */
export function EmptyPane(): SafeHtml {
  return <div id={PANE_ID} class="pane-slot"></div>
}

/** The dialog the layout renders once, for signed-in pages. */
export function PaneDialog(): SafeHtml {
  return (
    <dialog id={PANE_DIALOG_ID} class="drawer" aria-labelledby="pane-title">
      <EmptyPane />
    </dialog>
  )
}

/**
 * A side pane's content (DESIGN §11); `kind: 'confirm'` makes it a small centred confirmation (an
 * alert dialog). The heading takes focus when it opens (tabindex=-1 + autofocus). "Close" is a
 * link back to the page the pane belongs to; with JavaScript it just closes the dialog.
 */
export function SidePane(p: {
  title: string
  closeHref: string
  closeLabel: string
  asPage?: boolean | undefined
  hasErrors?: boolean
  kind?: 'drawer' | 'confirm'
  describedBy?: string
  children?: Child
}): SafeHtml {
  // Shown as a page of its own (no JavaScript), the pane's title is the page's h1.
  const Heading = p.asPage ? 'h1' : 'h2'
  return (
    <PaneSlot asPage={p.asPage}>
      <section
        class={p.kind === 'confirm' ? 'pane pane--confirm' : 'pane'}
        aria-labelledby="pane-title"
        data-dialog={p.kind ?? 'drawer'}
        data-described-by={p.describedBy}
      >
        <div class="pane__header">
          {/* With errors, the error summary inside takes focus instead (it comes first in the pane). */}
          {h(Heading, { id: 'pane-title', tabindex: '-1', autofocus: !p.hasErrors }, p.title)}
          <a class="pane__close" href={p.closeHref} data-pane-close="true">
            {p.closeLabel}
          </a>
        </div>
        {p.children}
      </section>
    </PaneSlot>
  )
}
