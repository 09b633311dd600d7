import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { benchDatabaseUrl } from '../../bench/dataset/database'
import { sizeOf } from '../../bench/dataset/generate'
import { seededRandom } from '../../bench/dataset/random'

// The benchmark's data set (docs/benchmarks.md): cheap checks of what the generator relies on.
describe('the bench data set', () => {
  it('repeats from its seed, and makes ids the routes accept', () => {
    const a = seededRandom(15)
    const b = seededRandom(15)
    const ids = Array.from({ length: 50 }, () => a.uuid())
    expect(ids).toEqual(Array.from({ length: 50 }, () => b.uuid()))
    expect(new Set(ids).size).toBe(50)
    // The routes parse ids with z.uuid(), which refuses a UUID of no known version: such an id is a 404.
    for (const id of ids) expect(z.uuid().safeParse(id).success).toBe(true)
    expect(seededRandom(16).uuid()).not.toBe(ids[0])
  })

  it('is issue 15’s size at scale 1 and ten times it at scale 10, audit events aside', () => {
    expect(sizeOf(1)).toEqual({
      members: 20_000,
      purchasers: 50,
      subscriptions: 5000,
      assignments: 100_000,
      invoices: 200_000,
      auditEvents: 1_000_000,
    })
    expect(sizeOf(10)).toMatchObject({ members: 200_000, subscriptions: 50_000, auditEvents: 1_000_000 })
  })

  it('keeps each scale in its own database unless told where', () => {
    expect(benchDatabaseUrl(10)).toBe(`${benchDatabaseUrl(1)}_x10`)
    expect(benchDatabaseUrl(10, 'postgres://h/mine')).toBe('postgres://h/mine')
  })
})
