import { h, type SafeHtml } from '../html'

export type Option = { value: string; label: string }

/** A labelled select; the chosen value is kept selected. */
export function SelectField(p: {
  id: string
  name: string
  label: string
  options: Option[]
  value: string
  error?: string | undefined
  inline?: boolean
  attrs?: Record<string, string>
}): SafeHtml {
  const errorId = p.error ? `${p.id}-error` : undefined
  return (
    <div class={['field', p.inline ? 'field--inline' : '', p.error ? 'field--error' : ''].filter(Boolean).join(' ')}>
      <label for={p.id}>{p.label}</label>
      {p.error ? (
        <p class="field__error" id={errorId}>
          {p.error}
        </p>
      ) : null}
      <select
        id={p.id}
        name={p.name}
        aria-describedby={errorId}
        aria-invalid={p.error ? 'true' : undefined}
        {...p.attrs}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
