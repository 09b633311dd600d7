import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

// STYLE §8: 120 characters is the width. Biome lays code out to it but cannot break a long string
// or comment, so this catches what the formatter leaves.
const MAX = 120
const ROOTS = ['src', 'views', 'test', 'scripts', 'bench']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx|css)$/.test(e.name) ? [path] : []
  })
}

describe('line width', () => {
  it('keeps every line of our code within 120 characters', () => {
    const long = ROOTS.flatMap(sourceFiles).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => ([...line].length > MAX ? [`${file}:${i + 1}`] : [])),
    )
    expect(long).toEqual([])
  })
})
