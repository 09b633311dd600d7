import { clearCookie, readCookie, writeCookie } from './cookies'
import type { AppContext } from './env'

const MAX_FLASH = 1500

/** A message for the page after a POST → redirect → GET (DESIGN §11), in a short-lived cookie so
 *  any instance can show it. Only our own text goes in; it is escaped like any text when shown. */
export function setFlash(c: AppContext, message: string): void {
  writeCookie(c, 'ss_flash', Buffer.from(message.slice(0, MAX_FLASH)).toString('base64url'), { maxAge: 60 })
}

/** The pending message, if any, cleared as it is read. */
export function takeFlash(c: AppContext): string | undefined {
  const raw = readCookie(c, 'ss_flash')
  if (!raw) return undefined
  clearCookie(c, 'ss_flash')
  return Buffer.from(raw, 'base64url').toString('utf8').slice(0, MAX_FLASH) || undefined
}
