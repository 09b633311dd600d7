import { NotificationsPage } from '../../views/pages/notifications/notifications'
import { setFlash, takeFlash } from '../http/flash'
import { viewContext } from '../http/view-context'
import { signedInRoutes } from '../http/session'
import { listNotifications } from '../services/notifications/list-notifications'
import { markNotificationsRead } from '../services/notifications/notifications'

export const notificationsRoutes = signedInRoutes()

notificationsRoutes.get('/', async (c) =>
  c.html(
    NotificationsPage({
      ctx: viewContext(c),
      rows: await listNotifications(c.var.deps, c.var.actor),
      status: takeFlash(c),
    }),
  ),
)

notificationsRoutes.post('/read', async (c) => {
  await markNotificationsRead(c.var.deps, c.var.actor)
  setFlash(c, c.var.t('notifications.marked'))
  return c.redirect('/notifications', 303)
})
