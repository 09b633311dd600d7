import { h, type SafeHtml } from '../html'

export type TextFieldProps = {
  id: string
  name: string
  label: string
  type?: 'text' | 'email' | 'password' | 'number' | 'search' | 'date'
  value?: string
  error?: string | undefined
  hint?: string
  autocomplete?: string
  required?: boolean
  inputmode?: string
}

/** A labelled input whose own message sits beside it, tied by aria-describedby (rule 3). */
export function TextField(p: TextFieldProps): SafeHtml {
  const hintId = p.hint ? `${p.id}-hint` : undefined
  const errorId = p.error ? `${p.id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div class={p.error ? 'field field--error' : 'field'}>
      <label for={p.id}>{p.label}</label>
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
      <input
        id={p.id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        required={p.required}
        aria-describedby={describedBy}
        aria-invalid={p.error ? 'true' : undefined}
      />
    </div>
  )
}
