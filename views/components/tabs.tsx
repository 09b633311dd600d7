import { h, type SafeHtml } from '../html'

export type Tab = { href: string; label: string; current: boolean }

/** Tabs are links (the URL holds the state, DESIGN §11), so they are a nav with aria-current,
 *  not an ARIA tablist that would promise arrow-key behaviour we do not script. */
export function Tabs(p: { label: string; tabs: Tab[] }): SafeHtml {
  return (
    <nav class="tabs" aria-label={p.label}>
      <ul>
        {p.tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.current ? 'page' : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
