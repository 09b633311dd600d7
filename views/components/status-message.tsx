import { h, type SafeHtml } from '../html'

export const STATUS_REGION_ID = 'status'

/** The page's one polite live region. It is in every page from the start (a region added
 *  together with its text is not announced by most screen readers); results are written into it. */
export function StatusRegion(p: { message?: string | undefined }): SafeHtml {
  return (
    <div id={STATUS_REGION_ID} class="status" role="status" aria-live="polite">
      {p.message ?? ''}
    </div>
  )
}

/** After an htmx swap: new text for the live region, delivered as a partial beside the fragment. */
export function StatusUpdate(p: { message: string }): SafeHtml {
  return (
    <hx-partial hx-target={`#${STATUS_REGION_ID}`} hx-swap="innerHTML">
      {p.message}
    </hx-partial>
  )
}
