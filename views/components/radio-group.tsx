import { h, type SafeHtml } from '../html'
import type { Option } from './select-field'

/** A fieldset of radios with a legend; the error, if any, is tied to the group. */
export function RadioGroup(p: {
  id: string
  name: string
  legend: string
  options: Option[]
  value: string
  error?: string | undefined
  /** A sentence under the legend that the group is described by. */
  hint?: string | undefined
  attrs?: Record<string, string>
}): SafeHtml {
  const errorId = p.error ? `${p.id}-error` : undefined
  const hintId = p.hint ? `${p.id}-hint` : undefined
  return (
    <fieldset
      id={p.id}
      class={p.error ? 'field field--error radios' : 'field radios'}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      tabindex="-1"
    >
      <legend>{p.legend}</legend>
      {p.hint ? (
        <p class="field__hint" id={hintId}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="field__error" id={errorId}>
          {p.error}
        </p>
      ) : null}
      {p.options.map((o, i) => (
        <div class="radio">
          <input
            type="radio"
            id={`${p.id}-${i}`}
            name={p.name}
            value={o.value}
            checked={o.value === p.value}
            {...p.attrs}
          />
          <label for={`${p.id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  )
}
