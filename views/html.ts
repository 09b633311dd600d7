import { createElement } from 'typed-html'

// The only place raw markup is made (STYLE §7). typed-html renders tags and attributes but does
// NOT escape children, so every child goes through escapeText unless it is already SafeHtml.

/** Markup we made or explicitly trust. Anything else that reaches a view is text. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html
  }
}

export type Child = SafeHtml | string | number | boolean | null | undefined | Child[]
type AttrValue = string | number | boolean | null | undefined
export type Attrs = { [name: string]: AttrValue | Child }
export type Component<P> = (props: P & { children?: Child }) => SafeHtml

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]!)
}

/** Marks a string as trusted HTML. Only for markup built by our own code, never for input. */
export function trusted(html: string): SafeHtml {
  return new SafeHtml(html)
}

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return ''
  if (child instanceof SafeHtml) return child.html
  if (Array.isArray(child)) return renderChildren(child)
  return escapeText(String(child))
}

// A loop, not map/join: a page renders thousands of these, and the arrays were garbage (issue 15's profile).
function renderChildren(children: Child[]): string {
  let html = ''
  for (const child of children) html += renderChild(child)
  return html
}

// Attributes that hold a URL: anything but http(s), mailto, tel or a relative URL becomes '#',
// so a `javascript:` or `data:` value from data can never run (rule 2).
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'hx-get', 'hx-post', 'hx-action'])
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto', 'tel'])

export function safeUrl(url: string): string {
  // Browsers ignore leading controls/spaces and tabs or newlines inside a scheme: judge what they see.
  const seen = url.replace(/[\u0000-\u0020]/g, '')
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(seen)?.[1]
  return scheme === undefined || ALLOWED_SCHEMES.has(scheme.toLowerCase()) ? url : '#'
}

// Attribute names already checked: they are written in the views, so a few hundred at most.
const checkedNames = new Set<string>()
const MAX_CHECKED_NAMES = 2000

function checkName(name: string): void {
  if (checkedNames.has(name)) return
  if (/[^a-z0-9:_.-]/.test(name)) throw new Error(`attribute name not allowed: ${name}`)
  if (checkedNames.size < MAX_CHECKED_NAMES) checkedNames.add(name)
}

function cleanAttrs(attrs: Attrs | null): Record<string, string | number | boolean> | null {
  if (!attrs) return null
  let out: Record<string, string | number | boolean> | null = null
  for (const name in attrs) {
    const value = attrs[name]
    if (!Object.hasOwn(attrs, name) || name === 'children' || value === null || value === undefined || value === false)
      continue
    if (typeof value === 'object') throw new Error(`attribute ${name} must be a string, number or boolean`)
    checkName(name)
    out ??= {}
    out[name] = typeof value === 'string' && URL_ATTRIBUTES.has(name) ? safeUrl(value) : value
  }
  return out
}

/** JSX factory (tsconfig jsxFactory). Children are escaped; attributes are quoted and escaped. */
// biome-ignore lint/suspicious/noExplicitAny: a component's own props are checked where it is declared
export function h(tag: string | Component<any>, attrs: Attrs | null, ...children: Child[]): SafeHtml {
  if (typeof tag === 'function')
    return tag({ ...(attrs ?? {}), children: children.length === 1 ? children[0] : children })
  const inner = renderChildren(children)
  // typed-html escapes & and " in attribute values; < and > are harmless inside quotes.
  return new SafeHtml(createElement(tag, cleanAttrs(attrs) as Record<string, string>, ...(inner ? [inner] : [])))
}

export function Fragment(props: { children?: Child }): SafeHtml {
  return new SafeHtml(renderChild(props.children))
}

/** A whole document: the doctype plus the rendered root. */
export function documentHtml(root: SafeHtml): string {
  return `<!doctype html>\n${root.html}`
}

export function render(child: Child): string {
  return renderChild(child)
}

// JSX types: every element takes string/number/boolean attributes. typed-html's own element
// types are too narrow for ARIA and htmx attributes, so we declare ours under h.JSX.
export declare namespace h {
  namespace JSX {
    type Element = SafeHtml
    interface IntrinsicElements {
      [tag: string]: Attrs
    }
    interface ElementChildrenAttribute {
      // biome-ignore lint/complexity/noBannedTypes: TypeScript's JSX protocol names the children prop with {}
      children: {}
    }
  }
}
