import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { EmptyPane } from '../../views/components/side-pane'
import { ContactPage, ContactPane, type ContactProps } from '../../views/pages/help/contact'
import { SupportRequestPage, SupportRequestSummary } from '../../views/pages/help/support-request'
import { SupportRequestsPage, SupportRequestsResults, supportCountText } from '../../views/pages/help/support-requests'
import { supportRequestsUrl, supportRequestUrl } from '../../views/urls'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { setFlash, takeFlash } from '../http/flash'
import { PageNumber } from '../http/page-number'
import { done, type FormViews, invalid, pageOrPart, showForm } from '../http/respond'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'
import { CONTACT_REFUSAL_MESSAGES, SUPPORT_STATUS_REFUSAL_MESSAGES } from '../i18n/refusals'
import {
  fileSupportRequest,
  type FileRefusal,
  supportSubscriptionChoices,
} from '../services/support/file-support-request'
import {
  getSupportRequest,
  listSupportRequests,
  SUPPORT_STATUSES,
  type SupportFilter,
} from '../services/support/list-support-requests'
import { reopenSupportRequest, resolveSupportRequest } from '../services/support/resolve-support-request'
import {
  checkSupportRequest,
  MAX_SUPPORT_MESSAGE_LENGTH,
  MAX_SUPPORT_SUBJECT_LENGTH,
} from '../services/support/support-request-form'

/** Contact support and support requests (DESIGN §9): filing one, the lists, one request, and an
 *  admin's Mark resolved / Reopen. Who may see or change what is the services' decision. */
export const supportRequests = signedInRoutes()
type Ctx = Context<SignedInEnv>

const ContactForm: FormViews<ContactProps> = { pane: ContactPane, page: ContactPage }

// What a refused request says beside which field; the limits are the numbers its message shows.
const FIELD_OF: Record<FileRefusal, string> = {
  subject_required: 'subject',
  subject_too_long: 'subject',
  message_required: 'message',
  message_too_long: 'message',
  unknown_subscription: 'subscription',
}
const LIMIT_OF: Partial<Record<FileRefusal, number>> = {
  subject_too_long: MAX_SUPPORT_SUBJECT_LENGTH,
  message_too_long: MAX_SUPPORT_MESSAGE_LENGTH,
}

function contactError(c: Ctx, refusal: FileRefusal): FieldError {
  return {
    field: FIELD_OF[refusal],
    message: c.var.t(CONTACT_REFUSAL_MESSAGES[refusal], { count: LIMIT_OF[refusal] ?? 0 }),
  }
}

async function contactProps(c: Ctx, form: Omit<ContactProps, 'ctx' | 'choices' | 'errors'>, errors: FieldError[]) {
  const choices = await supportSubscriptionChoices(c.var.deps, c.var.actor)
  return { ctx: viewContext(c), choices, ...form, errors }
}

supportRequests.get('/contact', async (c) =>
  showForm(c, ContactForm, await contactProps(c, { subject: '', message: '', subscriptionId: '' }, [])),
)

supportRequests.post('/contact', async (c) => {
  const body = await c.req.parseBody()
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '')
  // Kept as typed (the body limit bounds them), so a refused form shows the same text again.
  const form = { subject: text('subject'), message: text('message'), subscriptionId: text('subscription') }
  const problems = checkSupportRequest(form).problems
  if (problems.length > 0)
    return invalid(
      c,
      ContactForm,
      await contactProps(
        c,
        form,
        problems.map((p) => contactError(c, p.problem)),
      ),
    )
  const out = await fileSupportRequest(c.var.deps, c.var.actor, {
    ...form,
    subscriptionId: form.subscriptionId || null,
  })
  if (!out.ok) {
    // Someone else's subscription (a hand-made form) is refused here, and the choice starts again from None.
    const kept = out.refusal === 'unknown_subscription' ? { ...form, subscriptionId: '' } : form
    return invalid(c, ContactForm, await contactProps(c, kept, [contactError(c, out.refusal)]))
  }
  const message = c.var.t('contact.filed', { subject: checkSupportRequest(form).subject })
  const list = supportRequestsUrl()
  return done(c, {
    redirect: list,
    flash: message,
    // With htmx too the answer is the list, where the new request is: the pane closes and the page
    // goes there (HX-Redirect), with the message in its live region.
    partial: () => {
      setFlash(c, message)
      c.header('HX-Redirect', list)
      return { fragment: EmptyPane() }
    },
  })
})

// A hand-edited URL falls back to the defaults; ?all=1 is the admin's view of the organization.
const Filter = z.object({
  all: z.literal('1').optional().catch(undefined),
  status: z.enum(['any', ...SUPPORT_STATUSES]).catch('any'),
  page: PageNumber,
})

supportRequests.get('/requests', async (c) => {
  const q = Filter.parse(c.req.query())
  const filter: SupportFilter = { scope: q.all ? 'all' : 'own', status: q.status, page: q.page }
  const out = await listSupportRequests(c.var.deps, c.var.actor, filter)
  if (!out.ok) return notFound(c)
  const ctx = viewContext(c)
  const props = { ctx, filter: { ...filter, page: out.value.page }, list: out.value }
  return pageOrPart(
    c,
    () => SupportRequestsPage({ ...props, status: takeFlash(c) }),
    () => ({ fragment: SupportRequestsResults(props), status: supportCountText(ctx, out.value) }),
  )
})

supportRequests.get('/requests/:id', async (c) => {
  const out = await getSupportRequest(c.var.deps, c.var.actor, c.req.param('id'))
  if (!out.ok) return notFound(c)
  return c.html(SupportRequestPage({ ctx: viewContext(c), request: out.value, status: takeFlash(c) }))
})

/** Mark resolved and Reopen: back to the request (303), or with htmx its summary swapped in place. */
async function changeStatus(c: Ctx, change: 'resolve' | 'reopen'): Promise<Response> {
  const id = c.req.param('id') ?? ''
  const act = change === 'resolve' ? resolveSupportRequest : reopenSupportRequest
  const out = await act(c.var.deps, c.var.actor, id)
  // Read again after the change: the page shows the status as it is now, whoever changed it.
  const fresh = await getSupportRequest(c.var.deps, c.var.actor, id)
  if (!fresh.ok) return notFound(c)
  const ctx = viewContext(c)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const errors = [{ field: 'support-request', message: c.var.t(SUPPORT_STATUS_REFUSAL_MESSAGES[out.refusal]) }]
    const props = { ctx, request: fresh.value, errors }
    return invalid(c, { pane: (p) => SupportRequestSummary({ ...p, part: true }), page: SupportRequestPage }, props)
  }
  const message = c.var.t(change === 'resolve' ? 'supportRequest.resolved' : 'supportRequest.reopened')
  return done(c, {
    redirect: supportRequestUrl(id),
    flash: message,
    partial: () => ({ fragment: SupportRequestSummary({ ctx, request: fresh.value, part: true }), status: message }),
  })
}

supportRequests.post('/requests/:id/resolve', (c) => changeStatus(c, 'resolve'))
supportRequests.post('/requests/:id/reopen', (c) => changeStatus(c, 'reopen'))
