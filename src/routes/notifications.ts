import { Hono } from 'hono'
import { NotificationsPage } from '../../views/pages/notifications/notifications'
import type { AppEnv } from '../http/env'
import { setFlash, takeFlash } from '../http/flash'
import { viewContext } from '../http/view-context'
import { listNotifications, markNotificationsRead } from '../services/notifications/notifications'

export const notificationsRoutes = new Hono<AppEnv>()

notificationsRoutes.get('/', async (c) =>
  c.html(
    NotificationsPage({
      ctx: viewContext(c),
      rows: await listNotifications(c.var.deps, c.var.actor!),
      status: takeFlash(c),
    }),
  ),
)

notificationsRoutes.post('/read', async (c) => {
  await markNotificationsRead(c.var.deps, c.var.actor!)
  setFlash(c, c.var.t('notifications.marked'))
  return c.redirect('/notifications', 303)
})
