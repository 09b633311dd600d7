import { describe, expect, it } from 'vitest'
import { hashPassword, verifyPassword } from '../../src/services/auth/password'
import { TEST_SCRYPT } from '../builders/index'

describe('password hashes', () => {
  // The one test that pays for a full-strength hash: every other test hashes with TEST_SCRYPT.
  it('hashes a new password with the production parameters: scrypt N=2^15, r=8, p=3', async () => {
    const stored = await hashPassword('correct horse battery')
    const [scheme, n, r, p, salt, key] = stored.split('$')
    expect({ scheme, N: Number(n), r: Number(r), p: Number(p) }).toEqual({ scheme: 'scrypt', N: 2 ** 15, r: 8, p: 3 })
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16)
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32)
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('correct horse batterie', stored)).toBe(false)
  })

  it('verifies a hash made with other parameters, read from the hash itself', async () => {
    const stored = await hashPassword('correct horse battery', TEST_SCRYPT)
    expect(stored.startsWith(`scrypt$${2 ** 10}$8$1$`)).toBe(true)
    expect(await verifyPassword('correct horse battery', stored)).toBe(true)
    expect(await verifyPassword('wrong', stored)).toBe(false)
  })

  it('refuses a malformed hash instead of throwing', async () => {
    for (const stored of ['', 'bcrypt$10$8$1$a$b', 'scrypt$1024$8$1$salt', 'scrypt$$8$1$a$b']) {
      expect(await verifyPassword('x', stored), stored).toBe(false)
    }
  })
})
