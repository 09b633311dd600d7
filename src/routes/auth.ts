import { Hono } from 'hono'
import { z } from 'zod'
import { LoginPage } from '../../views/pages/login/login'
import { writeCookie } from '../http/cookies'
import { rotateCsrfToken } from '../http/csrf'
import type { AppEnv } from '../http/env'
import { clientIp, safeNext } from '../http/request-url'
import { clearSessionCookie, sessionCookie, setSessionCookie } from '../http/session'
import { viewContext } from '../http/view-context'
import { endSession, startSession } from '../services/auth/sessions'
import { signIn } from '../services/auth/sign-in'
import { changeLanguage } from '../services/users/change-language'
import { productsUrl } from '../../views/urls'
import { fieldErrors } from '../http/field-errors'

export const auth = new Hono<AppEnv>()

const Login = z.object({
  email: z
    .string('login.emailRequired')
    .trim()
    .min(1, 'login.emailRequired')
    .max(254, 'login.emailInvalid')
    .email('login.emailInvalid'),
  password: z.string('login.passwordRequired').min(1, 'login.passwordRequired').max(1024, 'login.passwordRequired'),
  next: z.string().optional(),
})

auth.get('/login', (c) => {
  if (c.var.actor) return c.redirect(safeNext(c.req.query('next')), 303)
  const notice = c.req.query('signed-out') === '1' ? c.var.t('login.signedOut') : undefined
  return c.html(LoginPage({ ctx: viewContext(c), form: { email: '', next: safeNext(c.req.query('next')) }, notice }))
})

auth.post('/login', async (c) => {
  const body = await c.req.parseBody()
  const next = safeNext(body.next)
  const form = { email: typeof body.email === 'string' ? body.email.slice(0, 254) : '', next }
  const input = Login.safeParse(body)
  if (!input.success) {
    return c.html(LoginPage({ ctx: viewContext(c), form, errors: fieldErrors(c.var.t, input.error) }), 422)
  }
  const out = await signIn(c.var.deps, { email: input.data.email, password: input.data.password, ip: clientIp(c) })
  if (!out.ok) {
    const [status, key] =
      out.refusal === 'rate_limited' ? ([429, 'login.rateLimited'] as const) : ([401, 'login.failed'] as const)
    return c.html(LoginPage({ ctx: viewContext(c), form, failure: c.var.t(key) }), status)
  }
  // A new session id on every sign-in (no fixation); the old one, if any, ends. A new CSRF
  // token too: one planted or seen before sign-in must not be good for the signed-in forms.
  await endSession(c.var.deps, sessionCookie(c))
  const session = await startSession(c.var.deps, out.value)
  setSessionCookie(c, session.cookie, session.expiresAt)
  rotateCsrfToken(c)
  return c.redirect(next, 303)
})

auth.post('/logout', async (c) => {
  await endSession(c.var.deps, sessionCookie(c))
  clearSessionCookie(c)
  rotateCsrfToken(c)
  return c.redirect('/login?signed-out=1', 303)
})

const Language = z.object({ lang: z.enum(['fr', 'en']), next: z.string().optional() })

auth.post('/language', async (c) => {
  const input = Language.safeParse(await c.req.parseBody())
  if (!input.success) return c.redirect(c.var.actor ? productsUrl() : '/login', 303)
  // Remembered on the user when signed in, in a cookie otherwise (the login page, DESIGN §10).
  if (c.var.actor) await changeLanguage(c.var.deps, c.var.actor, input.data.lang)
  writeCookie(c, 'ss_lang', input.data.lang, { maxAge: 365 * 86400 })
  return c.redirect(safeNext(input.data.next, c.var.actor ? productsUrl() : '/login'), 303)
})
