import { Fragment, h, type SafeHtml } from '../html'

/**
 * A sentence of the catalog with a link in it: the message holds `{link}` (left as is by the
 * translator when no value is given), and the link's text comes from the catalog too, so both
 * languages place the link where their grammar wants it. Without an href the words stay, unlinked
 * (a page the reader cannot open). The text is escaped like any other child.
 */
export function LinkedText(p: { text: string; link: { href?: string | undefined; label: string } }): SafeHtml {
  const [before = '', ...after] = p.text.split('{link}')
  return (
    <>
      {before}
      {p.link.href ? <a href={p.link.href}>{p.link.label}</a> : p.link.label}
      {after.join(p.link.label)}
    </>
  )
}
