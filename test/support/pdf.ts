import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

type StructNode = { role?: string; children?: StructNode[]; type?: string }

/** What a PDF reader finds in a PDF: its text (whitespace collapsed), whether it says it is tagged, its
 *  language, its title, and the roles of its structure tree in reading order. */
export async function readPdf(bytes: Uint8Array) {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise
  const texts: string[] = []
  const roles: string[] = []
  const walk = (node: StructNode | null) => {
    if (!node) return
    if (node.role) roles.push(node.role)
    for (const child of node.children ?? []) walk(child)
  }
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n)
    const content = await page.getTextContent()
    texts.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''))
    walk((await page.getStructTree()) as StructNode | null)
  }
  const markInfo = await pdf.getMarkInfo()
  const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> }
  await pdf.destroy()
  return {
    text: texts.join('\n').replace(/\s+/g, ' '),
    marked: markInfo?.Marked === true,
    language: info.Language,
    title: info.Title,
    roles,
  }
}
