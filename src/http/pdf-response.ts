import type { AppContext } from './env'

/** A PDF download: `bytes` under a strong `etag`, or 304 with no body when the browser holds that one. */
export function pdfResponse(
  c: AppContext,
  pdf: { bytes: Uint8Array<ArrayBuffer>; etag: string },
  fileName: string,
): Response {
  // private: the file is one user's, kept by their browser only, never by a shared cache. no-cache: the browser
  // asks again each time (If-None-Match), so the sign-in and tenancy checks run on every download, and a
  // changed PDF (a profile renamed, a credit note issued) replaces the kept one.
  const headers = { ETag: pdf.etag, 'Cache-Control': 'private, no-cache' }
  if (matchesEtag(c.req.header('If-None-Match'), pdf.etag)) return c.body(null, 304, headers)
  return c.body(pdf.bytes, 200, {
    ...headers,
    'Content-Type': 'application/pdf',
    'Content-Disposition': `attachment; filename="${fileName}"`,
  })
}

/** If-None-Match holds `etag`, or `*` (RFC 9110 §13.1.2: a list, compared weakly, so W/ is ignored). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false
  if (header.trim() === '*') return true
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
}
