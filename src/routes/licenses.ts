import type { Context } from 'hono'
import { z } from 'zod'
import type { FieldError } from '../../views/components/error-summary'
import { StatusUpdate } from '../../views/components/status-message'
import { AssignPage, AssignPane, AssignResultsUpdate, type AssignProps } from '../../views/pages/licenses/assign'
import {
  ClosedAssignPane,
  LicenseUsers,
  LicenseUsersPage,
  USERS_REGION_ID,
} from '../../views/pages/licenses/license-users'
import { LicensesPage } from '../../views/pages/licenses/licenses'
import { PaneErrors, UnassignConfirm, UnassignPage } from '../../views/pages/licenses/unassign'
import type { MessageKey } from '../i18n/index'
import type { SignedInEnv } from '../http/env'
import { notFound } from '../http/errors'
import { setFlash, takeFlash } from '../http/flash'
import { PageNumber } from '../http/page-number'
import { isPartial } from '../http/respond'
import { viewContext } from '../http/view-context'
import { signedInRoutes } from '../http/session'
import { assignLicenses, MAX_ASSIGN_AT_ONCE } from '../services/licenses/assign-licenses'
import {
  listAssignedUsers,
  listLicenses,
  peopleByIds,
  searchPeople,
  type AssignedPage,
} from '../services/licenses/list-licenses'
import { unassignLicenses } from '../services/licenses/unassign-licenses'
import { licensesUrl } from '../../views/urls'

export const licenses = signedInRoutes()
type Ctx = Context<SignedInEnv>

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
  const out = await listAssignedUsers(c.var.deps, c.var.actor, id.data, { q, page })
  return out.ok ? out.value : null
}

licenses.get('/:id', async (c) => {
  const q = str(c.req.query('q'))
  const data = await assigned(c, q)
  if (!data) return notFound(c)
  const ctx = viewContext(c)
  if (isPartial(c))
    return c.html(
      LicenseUsers({ ctx, data, q }).html +
        StatusUpdate({ message: c.var.t('licenses.assignedCount', { count: data.total }) }).html,
    )
  return c.html(LicenseUsersPage({ ctx, data, q, assignable: data.subscription.assignable, status: takeFlash(c) }))
})

async function assignProps(
  c: Ctx,
  data: AssignedPage,
  q: string,
  chosenIds: string[],
  errors: FieldError[] = [],
): Promise<AssignProps> {
  const [chosen, results] = await Promise.all([
    peopleByIds(c.var.deps, c.var.actor, chosenIds.slice(0, MAX_ASSIGN_AT_ONCE * 2)),
    searchPeople(c.var.deps, c.var.actor, data.subscription.id, q),
  ])
  return {
    ctx: viewContext(c),
    id: data.subscription.id,
    productName: data.subscription.productName[c.var.locale],
    available: data.subscription.available,
    q,
    chosen,
    results,
    errors,
  }
}

licenses.get('/:id/assign', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  const props = await assignProps(c, data, str(c.req.query('q')), idsOf(c.req.queries('userIds')))
  return c.html(isPartial(c) ? AssignPane(props).html : AssignPage(props))
})

licenses.get('/:id/assign/results', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  return c.html(AssignResultsUpdate(await assignProps(c, data, str(c.req.query('q')), idsOf(c.req.queries('userIds')))))
})

/** htmx closes a pane: an empty slot, and focus back on "Assign licenses". */
licenses.get('/:id/assign/close', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  if (!isPartial(c)) return c.redirect(licensesUrl(data.subscription.id), 303)
  return c.html(ClosedAssignPane({ ctx: viewContext(c), data }))
})

licenses.post('/:id/assign', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  const body = await c.req.parseBody({ all: true })
  const chosen = idsOf(body.userIds)
  const q = str(body.q)
  const pane = async (errors: FieldError[], status: 200 | 422) => {
    const props = await assignProps(c, data, q, chosen, errors)
    return c.html(isPartial(c) ? AssignPane(props).html : AssignPage(props), status)
  }
  if (body.intent === 'search') return pane([], 200)
  // Ids that were not well-formed were dropped above; any id sent counts against the limit.
  const sent = Array.isArray(body.userIds) ? body.userIds.length : body.userIds === undefined ? 0 : 1
  if (sent > chosen.length) return pane([{ field: 'userIds', message: c.var.t('assign.invalid_users') }], 422)
  const out = await assignLicenses(c.var.deps, c.var.actor, data.subscription.id, chosen)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    return pane([{ field: 'userIds', message: c.var.t(`assign.${out.refusal}` as MessageKey, out.details) }], 422)
  }
  const { assigned: given, skipped } = out.value
  const messages = [given.length === 1 ? c.var.t('assign.doneOne') : c.var.t('assign.done', { count: given.length })]
  if (skipped.length) messages.push(c.var.t('assign.skipped', { names: skipped.map((s) => s.displayName).join(', ') }))
  const message = messages.join(' ')
  if (!isPartial(c)) {
    setFlash(c, message)
    return c.redirect(licensesUrl(data.subscription.id), 303)
  }
  const fresh = (await assigned(c, '')) ?? data
  return c.html(ClosedAssignPane({ ctx: viewContext(c), data: fresh, refresh: true, status: message }))
})

licenses.post('/:id/unassign', async (c) => {
  const data = await assigned(c, '')
  if (!data) return notFound(c)
  const body = await c.req.parseBody({ all: true })
  const chosen = idsOf(body.userIds)
  const ctx = viewContext(c)
  if (chosen.length === 0) {
    const errors = [{ field: USERS_REGION_ID, message: c.var.t('unassign.none_chosen') }]
    if (isPartial(c)) return c.html(PaneErrors({ ctx, errors }), 422)
    return c.html(LicenseUsersPage({ ctx, data, q: '', assignable: data.subscription.assignable, errors }), 422)
  }
  if (body.confirm !== 'yes') {
    // Ask first (DESIGN §11): the people chosen, by name, and one button to confirm.
    const people = await peopleByIds(c.var.deps, c.var.actor, chosen)
    const props = { ctx, id: data.subscription.id, productName: data.subscription.productName[c.var.locale], people }
    return c.html(isPartial(c) ? UnassignConfirm(props).html : UnassignPage(props))
  }
  const out = await unassignLicenses(c.var.deps, c.var.actor, data.subscription.id, chosen)
  if (!out.ok) {
    if (out.refusal === 'not_found') return notFound(c)
    const errors = [{ field: USERS_REGION_ID, message: c.var.t(`unassign.${out.refusal}` as MessageKey, out.details) }]
    return c.html(
      isPartial(c)
        ? PaneErrors({ ctx, errors })
        : LicenseUsersPage({ ctx, data, q: '', assignable: data.subscription.assignable, errors }),
      422,
    )
  }
  const message = c.var.t('unassign.done', { count: out.value.unassigned })
  if (!isPartial(c)) {
    setFlash(c, message)
    return c.redirect(licensesUrl(data.subscription.id), 303)
  }
  const fresh = (await assigned(c, '')) ?? data
  return c.html(ClosedAssignPane({ ctx: viewContext(c), data: fresh, refresh: true, status: message }))
})
