import { describe, expect, it } from 'vitest'
import { Fragment, h, render, safeUrl, trusted } from '../../views/html'

const HOSTILE = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '&lt;already&gt;',
]

describe('the escaping JSX layer', () => {
  it('renders hostile text children as text', () => {
    for (const s of HOSTILE) {
      const html = render(<p>{s}</p>)
      expect(html).not.toContain('<script')
      expect(html).not.toContain('<img')
      expect(html).not.toContain('<svg')
      expect(html.startsWith('<p>') && html.endsWith('</p>')).toBe(true)
    }
    expect(render(<p>{'<b>'}</p>)).toBe('<p>&lt;b&gt;</p>')
    expect(render(<p>{'&lt;'}</p>)).toBe('<p>&amp;lt;</p>')
  })

  it('keeps hostile attribute values inside their quotes', () => {
    const html = render(<input value={'"><img src=x onerror=alert(1)>'} title={"' onmouseover='x"} />)
    expect(html).toBe('<input value="&quot;><img src=x onerror=alert(1)>" title="\' onmouseover=\'x">')
  })

  it('neutralises javascript: and data: URLs in href, src and action', () => {
    // biome-ignore lint/a11y/useValidAnchor: a hostile URL, on purpose
    // biome-ignore lint/security/noScriptUrl: a hostile URL, on purpose
    expect(render(<a href="javascript:alert(1)">x</a>)).toBe('<a href="#">x</a>')
    expect(render(<a href={' \tJaVaScRiPt:alert(1)'}>x</a>)).toBe('<a href="#">x</a>')
    expect(render(<img src="data:text/html,<script>" alt="" />)).toBe('<img src="#" alt="">')
    expect(render(<form action="vbscript:x"></form>)).toBe('<form action="#"></form>')
    for (const ok of [
      '/billing/products?x=1&y=2',
      'https://example.com/a:b',
      '#main',
      'mailto:a@b.example',
      '?tab=trials',
    ])
      expect(safeUrl(ok)).toBe(ok)
  })

  it('escapes nested arrays and components, and passes trusted markup through', () => {
    const Item = (p: { name: string }) => <li>{p.name}</li>
    const html = render(
      <ul>
        {['<a>', '<b>'].map((n) => (
          <Item name={n} />
        ))}
        {/* biome-ignore lint/complexity/noUselessFragments: the fragment is what this test renders */}
        <>{trusted('<li>ok</li>')}</>
      </ul>,
    )
    expect(html).toBe('<ul><li>&lt;a&gt;</li><li>&lt;b&gt;</li><li>ok</li></ul>')
  })

  it('drops false, null and undefined attributes and renders true as a bare attribute', () => {
    expect(render(<input type="checkbox" checked={true} disabled={false} title={undefined} />)).toBe(
      '<input type="checkbox" checked>',
    )
  })

  it('refuses attribute names that could break out of the tag', () => {
    expect(() => render(h('p', { 'onclick="x"': 'y' }))).toThrow()
  })
})
