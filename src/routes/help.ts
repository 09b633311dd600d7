import { HelpPage } from '../../views/pages/help/help'
import { signedInRoutes } from '../http/session'
import { viewContext } from '../http/view-context'

/** Help (DESIGN §9): the FAQ, the region's tip and the way to Contact support, for every signed-in user. */
export const help = signedInRoutes()

help.get('/', (c) => {
  const { displayName, kind, role } = c.var.actor
  return c.html(HelpPage({ ctx: viewContext(c), user: { displayName, kind, role } }))
})
