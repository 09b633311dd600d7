import type { Measure } from './load'
import type { PageResult } from './drive'
import { BARE } from './targets'

export type Check = { ok: boolean; text: string }
export type RunReport = {
  title: string
  note: string
  results: PageResult[]
  checks: (r: PageResult, bare: Measure | undefined) => Check
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : n < 10 ? n.toFixed(1) : n.toFixed(0))
const cells = (m: Measure | undefined) =>
  m ? [m.rps.toFixed(0), ms(m.p50), ms(m.p95), ms(m.p99)] : ['–', '–', '–', '–']

/** One Markdown table: each page at each level, its share of the bare route's throughput at the highest. */
export function pagesTable(run: RunReport, levels: number[]): string {
  const top = levels.at(-1)!
  const bare = run.results.find((r) => r.page.name === BARE)?.measures.at(-1)
  const head = levels.flatMap((c) => [`${c} conn. req/s`, 'p50 ms', 'p95 ms', 'p99 ms'])
  const lines = [
    `### ${run.title}`,
    '',
    run.note,
    '',
    `| page | ${head.join(' | ')} | vs bare (${top}) | target | |`,
    `|---|${head.map(() => '---:').join('|')}|---:|---|---|`,
  ]
  for (const r of run.results) {
    const at = (c: number) => r.measures.find((m) => m.connections === c)
    const share = bare && r.page.name !== BARE ? `${((100 * r.measures.at(-1)!.rps) / bare.rps).toFixed(0)} %` : ''
    const failed = r.measures.reduce((n, m) => n + m.errors, 0)
    const given = r.page.name === BARE ? { ok: true, text: '' } : run.checks(r, bare)
    const check = failed ? { ok: false, text: `${given.text}; ${failed} requests timed out or failed` } : given
    const mark = check.text ? (check.ok ? 'ok' : '**MISSED**') : ''
    lines.push(
      `| ${r.page.name} | ${levels.flatMap((c) => cells(at(c))).join(' | ')} | ${share} | ${check.text} | ${mark} |`,
    )
  }
  return lines.join('\n')
}

export type Row = { what: string; value: string; target: string; ok: boolean | null }

export function rowsTable(title: string, rows: Row[]): string {
  return [
    `### ${title}`,
    '',
    '| measure | result | target | |',
    '|---|---:|---|---|',
    ...rows.map((r) => `| ${r.what} | ${r.value} | ${r.target} | ${r.ok === null ? '' : r.ok ? 'ok' : '**MISSED**'} |`),
  ].join('\n')
}
