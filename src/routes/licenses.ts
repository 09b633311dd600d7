import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import {
  AssignPage,
  AssignPane,
  AssignResults,
  assignResultsText,
  type AssignProps,
} from '../../views/pages/licenses/assign'
import {
  ClosedAssignPane,
  LicenseUsers,
  LicenseUsersPage,
  USERS_REGION_ID,
} from '../../views/pages/licenses/license-users'
import { EmptyPane } from '../../views/components/side-pane'
import { LicensesPage } from '../../views/pages/licenses/licenses'
import { PaneErrors, UnassignConfirm, UnassignPage } from '../../views/pages/licenses/unassign'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { takeFlash } from '../http/flash'
import { PageNumber } from '../http/page-number'
import { done, type FormViews, invalid, pageOrPart, showForm, shownAgain } from '../http/respond'
import { viewContext } from '../http/view-context'
import { signedInRoutes } from '../http/session'
import { assignLicenses, MAX_ASSIGN_AT_ONCE } from '../services/licenses/assign-licenses'
import {
  listAssignedUsers,
  getLicenseRow,
  listLicenses,
  peopleByIds,
  searchPeople,
  type AssignedPage,
  type LicenseRow,
} from '../services/licenses/list-licenses'
import { unassignLicenses } from '../services/licenses/unassign-licenses'
import { assignUrl, licensesUrl } from '../../views/urls'
import { ASSIGN_REFUSAL_MESSAGES, UNASSIGN_REFUSAL_MESSAGES } from '../i18n/refusals'

export const licenses = signedInRoutes()
type Ctx = Context<SignedInEnv>

const AssignForm: FormViews<AssignProps> = { pane: AssignPane, page: AssignPage }
/** Unassign refused: the reason in the pane slot with htmx, on the licences page without. */
const UnassignRefused: FormViews<Parameters<typeof LicenseUsersPage>[0]> = {
  pane: (p) => PaneErrors({ ctx: p.ctx, id: p.data.subscription.id, errors: p.errors ?? [] }),
  page: LicenseUsersPage,
}

const Id = z.uuid()
const str = (v: unknown, max = 100) => (typeof v === 'string' ? v.trim().slice(0, max) : '')
/** The ids a form sent (one or many `userIds`), keeping only well-formed ones. */
function idsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v]
  return [...new Set(list.filter((x): x is string => typeof x === 'string' && Id.safeParse(x).success))].slice(0, 500)
}

licenses.get('/', async (c) =>
  c.html(LicensesPage({ ctx: viewContext(c), rows: await listLicenses(c.var.deps, c.var.actor) })),
)

async function assigned(
  c: Ctx,
  q = str(c.req.query('q')),
  page = PageNumber.parse(c.req.query('page')),
): Promise<AssignedPage | null> {
  const id = Id.safeParse(c.req.param('id'))
  if (!id.success) return null
  const cursor = { after: c.req.query('after'), before: c.req.query('before') }
  const out = await listAssignedUsers(c.var.deps, c.var.actor, id.data, { q, page, ...cursor })
  return out.ok ? out.value : null
}

/** The :id subscription's row when it is the user's own, for the Assign pane (it lists no holders). */
async function licensed(c: Ctx): Promise<LicenseRow | null> {
  const id = Id.safeParse(c.req.param('id'))
  return id.success ? getLicenseRow(c.var.deps, c.var.actor, id.data) : null
}

licenses.get('/:id', async (c) => {
  const q = str(c.req.query('q'))
  const data = await assigned(c, q)
  if (!data) return notFound(c)
  const ctx = viewContext(c)
  return pageOrPart(
    c,
    () => LicenseUsersPage({ ctx, data, q, assignable: data.subscription.assignable, status: takeFlash(c) }),
    () => ({
      fragment: LicenseUsers({ ctx, data, q }),
      status: c.var.t('licenses.assignedCount', { count: data.total }),
    }),
  )
})

async function assignProps(
  c: Ctx,
  sub: LicenseRow,
  q: string,
  chosenIds: string[],
  errors: FieldError[] = [],
): Promise<AssignProps> {
  const [chosen, results] = await Promise.all([
    peopleByIds(c.var.deps, c.var.actor, chosenIds.slice(0, MAX_ASSIGN_AT_ONCE * 2)),
    searchPeople(c.var.deps, c.var.actor, sub.id, q),
  ])
  return {
    ctx: viewContext(c),
    id: sub.id,
    productName: sub.productName[c.var.locale],
    available: sub.available,
    q,
    chosen,
    results,
    errors,
  }
}

licenses.get('/:id/assign', async (c) => {
  const sub = await licensed(c)
  if (!sub) return notFound(c)
  const props = await assignProps(c, sub, str(c.req.query('q')), idsOf(c.req.queries('userIds')))
  return showForm(c, AssignForm, props)
})

licenses.get('/:id/assign/results', async (c) => {
  const sub = await licensed(c)
  if (!sub) return notFound(c)
  const props = await assignProps(c, sub, str(c.req.query('q')), idsOf(c.req.queries('userIds')))
  return pageOrPart(
    c,
    () => AssignPage(props),
    () => ({ fragment: AssignResults(props), status: assignResultsText(props) }),
  )
})

licenses.post('/:id/assign', async (c) => {
  const sub = await licensed(c)
  if (!sub) return notFound(c)
  const body = await c.req.parseBody({ all: true })
  const chosen = idsOf(body.userIds)
  const q = str(body.q)
  const pane = async (errors: FieldError[]) => invalid(c, AssignForm, await assignProps(c, sub, q, chosen, errors))
  // "Search people" re-renders the pane with the chosen people still checked; it changes nothing.
  if (body.intent === 'search') {
    const props = () => assignProps(c, sub, q, chosen)
    return shownAgain(c, AssignForm, props, assignUrl(sub.id, { q, userIds: chosen }))
  }
  // Ids that were not well-formed were dropped above; any id sent counts against the limit.
  const sent = Array.isArray(body.userIds) ? body.userIds.length : body.userIds === undefined ? 0 : 1
  if (sent > chosen.length) return pane([{ field: 'userIds', message: c.var.t('assign.invalid_users') }])
  const out = await assignLicenses(c.var.deps, c.var.actor, sub.id, chosen)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    // The refusals with numbers say how many people were chosen, and agree with it.
    const message = c.var.t(ASSIGN_REFUSAL_MESSAGES[out.refusal], {
      ...out.details,
      count: Number(out.details?.chosen),
    })
    return pane([{ field: 'userIds', message }])
  }
  const { assigned: given, skipped } = out.value
  const messages = [c.var.t('assign.done', { count: given.length })]
  if (skipped.length) messages.push(c.var.t('assign.skipped', { names: skipped.map((s) => s.displayName).join(', ') }))
  return closeAfterChange(c, sub.id, messages.join(' '))
})

licenses.post('/:id/unassign', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  const body = await c.req.parseBody({ all: true })
  const chosen = idsOf(body.userIds)
  const ctx = viewContext(c)
  if (chosen.length === 0) {
    const errors = [{ field: USERS_REGION_ID, message: c.var.t('unassign.none_chosen') }]
    return invalid(c, UnassignRefused, { ctx, data, q: '', assignable: data.subscription.assignable, errors })
  }
  if (body.confirm !== 'yes') {
    // Ask first (DESIGN §11): the people chosen, by name, and one button to confirm.
    const people = await peopleByIds(c.var.deps, c.var.actor, chosen)
    const props = { ctx, id: data.subscription.id, productName: data.subscription.productName[c.var.locale], people }
    return showForm(c, { pane: UnassignConfirm, page: UnassignPage }, props)
  }
  const out = await unassignLicenses(c.var.deps, c.var.actor, data.subscription.id, chosen)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const params = { ...out.details, count: Number(out.details?.chosen) }
    const errors = [{ field: USERS_REGION_ID, message: c.var.t(UNASSIGN_REFUSAL_MESSAGES[out.refusal], params) }]
    return invalid(c, UnassignRefused, { ctx, data, q: '', assignable: data.subscription.assignable, errors })
  }
  return closeAfterChange(c, data.subscription.id, c.var.t('unassign.done', { count: out.value.unassigned }))
})

/** After an assign or unassign: back to the licences page, or for htmx the pane closed, fresh
 *  counts and list, and the message in the live region. */
function closeAfterChange(c: Ctx, id: string, message: string): Promise<Response> {
  return done(c, {
    redirect: licensesUrl(id),
    flash: message,
    partial: async () => {
      const data = await assigned(c, '')
      // Gone meanwhile (another tab cancelled it): the pane closes and the message still says what was done.
      return { fragment: data ? ClosedAssignPane({ ctx: viewContext(c), data }) : EmptyPane(), status: message }
    },
  })
}
