import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

// DESIGN §1: a memory-hard KDF. scrypt N=2^15, r=8, p=1 uses 32 MiB per hash (OWASP's minimum
// is N=2^17 with r=8 at 128 MiB, or N=2^15 paired with a higher p; we keep memory modest for
// small instances and raise p to 3). Parameters travel in the hash so they can be raised later.
const PARAMS = { N: 2 ** 15, r: 8, p: 3 }
const KEY_LENGTH = 32

function derive(password: string, salt: Buffer, p: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r }
  return new Promise((ok, fail) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (e, key) => (e ? fail(e) : ok(key))))
}

/** Hashes a password as `scrypt$N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await derive(password, salt, PARAMS)
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$')
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
  decoy ??= hashPassword(randomBytes(24).toString('base64url'))
  return decoy
}
