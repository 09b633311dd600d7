// CSV out (RFC 4180), the one place cells are written, as html.ts is for markup. A text cell that a
// spreadsheet would read as a formula — one starting with =, +, -, @, a tab or a carriage return — gets a
// leading apostrophe, so a name typed as "=HYPERLINK(…)" is shown, never run (OWASP "CSV injection").
// Numbers are written as numbers: only `csvNumber` cells skip the guard, and only when they are numbers.

const FORMULA_START = /^[=+\-@\t\r]/
const NUMBER = /^-?\d+(\.\d+)?$/

/** A numeric cell ("-12.50"): left as a number so a spreadsheet can add it up. */
export class CsvNumber {
  constructor(readonly text: string) {}
}
export const csvNumber = (text: string) => new CsvNumber(text)

export type CsvCell = string | CsvNumber

/** One cell, guarded and quoted when it holds a comma, a quote or a line break. */
export function csvCell(cell: CsvCell): string {
  if (cell instanceof CsvNumber && NUMBER.test(cell.text)) return cell.text
  const text = cell instanceof CsvNumber ? cell.text : cell
  const guarded = FORMULA_START.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(guarded) ? `"${guarded.replaceAll('"', '""')}"` : guarded
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvLine(cells: CsvCell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`
}

/** Written first, so a spreadsheet opens the file as UTF-8 (accents in names survive). */
export const CSV_BOM = '\uFEFF'
