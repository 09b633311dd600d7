import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from './env'
import { isHttps } from './request-url'

const FLASH_COOKIE = 'ss_flash'
const MAX_FLASH = 1500

/** A message for the page after a POST → redirect → GET (DESIGN §11), in a short-lived cookie so
 *  any instance can show it. Only our own text goes in; it is escaped like any text when shown. */
export function setFlash(c: Context<AppEnv>, message: string): void {
  setCookie(c, FLASH_COOKIE, Buffer.from(message.slice(0, MAX_FLASH)).toString('base64url'), { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: '/', maxAge: 60 })
}

/** The pending message, if any, cleared as it is read. */
export function takeFlash(c: Context<AppEnv>): string | undefined {
  const raw = getCookie(c, FLASH_COOKIE)
  if (!raw) return undefined
  deleteCookie(c, FLASH_COOKIE, { path: '/' })
  return Buffer.from(raw, 'base64url').toString('utf8').slice(0, MAX_FLASH) || undefined
}
