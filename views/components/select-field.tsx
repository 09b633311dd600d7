import { h, type SafeHtml } from '../html'

export type Option = { value: string; label: string }

/** A labelled select; the chosen value is kept selected. */
export function SelectField(p: { id: string; name: string; label: string; options: Option[]; value: string; attrs?: Record<string, string> }): SafeHtml {
  return (
    <div class="field field--inline">
      <label for={p.id}>{p.label}</label>
      <select id={p.id} name={p.name} {...p.attrs}>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
