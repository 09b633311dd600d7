import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { describe, expect, it } from 'vitest'

// The folders of src/services depend in one direction only (docs/architecture.md, "Service
// layers"): what two folders both need moves down (money/, rules.ts, billing/), so no folder
// imports a folder that imports it back, directly or around a longer cycle.
const SERVICES = resolve(__dirname, '../../src/services')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
}

/** The folder of src/services a path is in, or null for files at its root (deps.ts, outcome.ts) and outside it. */
function folderOf(path: string): string | null {
  const rel = relative(SERVICES, path)
  if (rel.startsWith('..')) return null
  const parts = rel.split(sep)
  return parts.length > 1 ? parts[0]! : null
}

/** Every `import … from '…'` and `export … from '…'`, multi-line ones included. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms)].map((m) => m[1]!)
}

type Edge = { from: string; to: string; file: string }

function folderEdges(): Edge[] {
  return sourceFiles(SERVICES).flatMap((file) => {
    const from = folderOf(file)
    if (!from) return []
    return importsOf(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => ({ from, to: folderOf(resolve(dirname(file), spec)), file: relative(SERVICES, file) }))
      .filter((e): e is Edge => e.to !== null && e.to !== from)
  })
}

/** Folder cycles, each as the edges around it, found by a depth-first walk. */
function cycles(edges: Edge[]): Edge[][] {
  const out = new Map<string, Edge[]>()
  const next = (folder: string) => edges.filter((e) => e.from === folder)
  const walk = (path: Edge[], seen: string[]) => {
    for (const e of next(seen.at(-1)!)) {
      const at = seen.indexOf(e.to)
      if (at >= 0) {
        const loop = [...path.slice(at), e]
        const key = loop
          .map((l) => l.from)
          .sort()
          .join('>')
        if (!out.has(key)) out.set(key, loop)
      } else walk([...path, e], [...seen, e.to])
    }
  }
  for (const folder of new Set(edges.map((e) => e.from))) walk([], [folder])
  return [...out.values()]
}

const describeCycle = (loop: Edge[]) => loop.map((e) => `${e.from} → ${e.to} (${e.file})`).join(', ')

describe('service folders', () => {
  it('reads multi-line and type-only imports and re-exports', () => {
    const source = "import type { A } from '../a/x'\nimport {\n  b,\n  c,\n} from './b'\nexport { d } from '../d/y'\n"
    expect(importsOf(source)).toEqual(['../a/x', './b', '../d/y'])
  })

  it('finds a cycle, naming the files that close it', () => {
    const found = cycles([
      { from: 'a', to: 'b', file: 'a/one.ts' },
      { from: 'b', to: 'c', file: 'b/two.ts' },
      { from: 'c', to: 'a', file: 'c/three.ts' },
    ])
    expect(found.map(describeCycle)).toEqual(['a → b (a/one.ts), b → c (b/two.ts), c → a (c/three.ts)'])
  })

  it('never import each other both ways', () => {
    const edges = folderEdges()
    // No edges at all would mean the import scan found nothing, and both checks would pass empty.
    expect(edges.length).toBeGreaterThan(0)
    const pairs = edges
      .filter((e) => edges.some((back) => back.from === e.to && back.to === e.from))
      .map((e) => `${e.from} → ${e.to} (${e.file})`)
    expect(pairs).toEqual([])
  })

  it('never import each other around a cycle', () => {
    expect(cycles(folderEdges()).map(describeCycle)).toEqual([])
  })
})
