import type { Actor } from '../deps'

/** The admin pages (DESIGN §8) are for the organization's admins; to anyone else they do not exist (404). */
export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin'
}
