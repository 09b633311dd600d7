import type { ViewContext } from '../context'
import { h, type SafeHtml } from '../html'

/**
 * Previous page, "Page 2 of 5", Next page: the links under a numbered list, shown when it has more than
 * one page. `href` builds the URL of the page before (`'prev'`) or after (`'next'`) this one, so a list
 * read by keyset can put its cursor in the link.
 */
export function Pagination(p: {
  ctx: ViewContext
  label: string
  page: number
  pages: number
  /** There are pages after `pages` that were not counted ("Page 1 of more than 40"). */
  more?: boolean
  href: (page: number, side: 'prev' | 'next') => string
}): SafeHtml | null {
  const { t } = p.ctx
  if (p.pages <= 1 && !p.more) return null
  return (
    <nav class="pagination" aria-label={p.label}>
      {p.page > 1 ? (
        <a href={p.href(p.page - 1, 'prev')} rel="prev">
          {t('pagination.previous')}
        </a>
      ) : null}
      <span>{t(p.more ? 'pagination.pageOfMore' : 'pagination.page', { page: p.page, pages: p.pages })}</span>
      {p.page < p.pages || p.more ? (
        <a href={p.href(p.page + 1, 'next')} rel="next">
          {t('pagination.next')}
        </a>
      ) : null}
    </nav>
  )
}
