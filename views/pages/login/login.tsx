import type { ViewContext } from '../../context'
import { ErrorSummary, type FieldError } from '../../components/error-summary'
import { TextField } from '../../components/text-field'
import { h } from '../../html'
import { Layout } from '../../layout'
import { CsrfField } from '../../components/csrf-field'

export type LoginForm = { email: string; next: string }

/** Sign-in page. `errors` are per field; `failure` is the one generic message for a refusal. */
export function LoginPage(p: {
  ctx: ViewContext
  form: LoginForm
  errors?: FieldError[]
  failure?: string
  notice?: string
}) {
  const { t } = p.ctx
  const errors = p.errors ?? []
  const fieldError = (f: string) => errors.find((e) => e.field === f)?.message
  const summary: FieldError[] = p.failure ? [{ field: 'email', message: p.failure }] : errors
  return Layout({
    ctx: p.ctx,
    title: t('login.title'),
    hasErrors: summary.length > 0,
    children: (
      <div class="narrow">
        <ErrorSummary ctx={p.ctx} errors={summary} />
        <h1>{t('login.title')}</h1>
        {p.notice ? <p class="notice">{p.notice}</p> : null}
        <p>{t('login.intro')}</p>
        <form method="post" action="/login" novalidate>
          <CsrfField ctx={p.ctx} />
          <input type="hidden" name="next" value={p.form.next} />
          <TextField
            id="email"
            name="email"
            type="email"
            label={t('login.email')}
            value={p.form.email}
            error={fieldError('email')}
            autocomplete="username"
            required
          />
          <TextField
            id="password"
            name="password"
            type="password"
            label={t('login.password')}
            error={fieldError('password')}
            autocomplete="current-password"
            required
          />
          <button type="submit" class="button">
            {t('login.submit')}
          </button>
        </form>
      </div>
    ),
  })
}
