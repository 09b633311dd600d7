// The generator's only source of chance: the same seed gives the same people, ids and numbers
// (mulberry32, as src/db/seed/names.ts uses for the demo).
export type Random = {
  next(): number
  /** An integer from min to max, both included. */
  int(min: number, max: number): number
  pick<T>(list: readonly T[]): T
  /** A version-4-shaped UUID made from the stream, so ids repeat with the seed too. */
  uuid(): string
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  const hex8 = () =>
    Math.floor(next() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0')
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (list) => list[Math.floor(next() * list.length)]!,
    uuid: () => {
      const h = hex8() + hex8() + hex8() + hex8()
      const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
    },
  }
}
