import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import { Semaphore } from './semaphore'

// DESIGN §1: a memory-hard KDF. scrypt N=2^15, r=8, p=1 uses 32 MiB per hash (OWASP's minimum
// is N=2^17 with r=8 at 128 MiB, or N=2^15 paired with a higher p; we keep memory modest for
// small instances and raise p to 3). Parameters travel in the hash so they can be raised later,
// and so a hash made with other parameters (the tests' cheap ones) still verifies.
export type ScryptParams = { N: number; r: number; p: number }
export const SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 }
const KEY_LENGTH = 32

// scrypt runs on libuv's thread pool, 4 threads by default, which also reads files (the static
// files under /public) and resolves host names. Unbounded, 30 parallel sign-ins would queue 30
// hashes of ~0.3 s each ahead of every page's file read. Two at a time leaves half the pool, and
// on a 2-CPU host one CPU, to the pages; a few more may wait, and beyond that hashing refuses
// (SemaphoreFullError), which sign-in answers as rate_limited.
export const MAX_CONCURRENT_HASHES = 2
export const MAX_WAITING_HASHES = 16
const hashing = new Semaphore(MAX_CONCURRENT_HASHES, MAX_WAITING_HASHES)

function derive(password: string, salt: Buffer, p: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r }
  const input = password.normalize('NFC')
  return hashing.run(
    () => new Promise((ok, fail) => scrypt(input, salt, KEY_LENGTH, options, (e, key) => (e ? fail(e) : ok(key)))),
  )
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url). Only tests pass `params`: production
 *  always hashes with SCRYPT_PARAMS. */
export async function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, params)
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** True when the password matches; false for any malformed hash. Constant-time on the key. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const actual = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) })
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}

/** A hash of a password nobody knows, verified against when the email matches no account,
 *  so that a wrong email and a wrong password take the same time. */
let decoy: Promise<string> | undefined
export function decoyHash(): Promise<string> {
  // Forget a failed first hash (the semaphore was full), or every later call would fail too.
  decoy ??= hashPassword(randomBytes(24).toString('base64url')).catch((e: unknown) => {
    decoy = undefined
    throw e
  })
  return decoy
}
