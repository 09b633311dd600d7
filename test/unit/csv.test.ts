import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvCell, csvLine, csvNumber } from '../../views/csv'

describe('CSV cells', () => {
  it('guards every text cell a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}1+1`).replace(/^"/, '')[0]).toBe("'")
    expect(csvCell('=HYPERLINK("http://x.test","y")')).toBe(`"'=HYPERLINK(""http://x.test"",""y"")"`)
    expect(csvCell('Léa Martin')).toBe('Léa Martin')
  })

  it('writes numbers as numbers, and anything else given as a number as guarded text', () => {
    expect(csvCell(csvNumber('-12.50'))).toBe('-12.50')
    expect(csvCell(csvNumber('-1+1'))).toBe("'-1+1")
  })

  it('survives a CSV parser: commas, quotes, line breaks and a leading = come back as written, guarded', () => {
    const name = '=Dupont, "Jo"\nSARL'
    const [row] = parse(csvLine([name, csvNumber('3'), 'plain']), { bom: true }) as string[][]
    expect(row).toEqual([`'${name}`, '3', 'plain'])
  })
})
