import { h, type Child, type SafeHtml } from '../html'

export const PANE_ID = 'pane'

/**
 * A side pane's content (DESIGN §11). Without JavaScript the same content is a full page; with
 * htmx it is swapped into the pane container. The heading takes focus after the swap
 * (tabindex=-1 + autofocus); "Close" is a link back to the page the pane was opened from.
 */
export function SidePane(p: {
  title: string
  closeHref: string
  closeLabel: string
  closeAttrs?: Record<string, string>
  asPage?: boolean
  hasErrors?: boolean
  children?: Child
}): SafeHtml {
  // Shown as a page of its own (no JavaScript), the pane's title is the page's h1.
  const Heading = p.asPage ? 'h1' : 'h2'
  return (
    <section class="pane" aria-labelledby="pane-title">
      <div class="pane__header">
        {/* With errors, the error summary inside takes focus instead (it comes first in the pane). */}
        {h(Heading, { id: 'pane-title', tabindex: '-1', autofocus: !p.hasErrors }, p.title)}
        <a class="pane__close" href={p.closeHref} {...p.closeAttrs}>
          {p.closeLabel}
        </a>
      </div>
      {p.children}
    </section>
  )
}
