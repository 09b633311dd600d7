import { z } from 'zod'

// No list has more pages than this: licences are capped at 10,000 per subscription (DESIGN §4).
const MAX_PAGE = 10_000

/**
 * `?page=` of a paged list: a whole number from 1. Anything else (1.5, -1, 0, abc, 1e400, a
 * number past MAX_PAGE, a missing value) is page 1, never an error: it is a hand-edited URL, and
 * 1.5 once reached the query as OFFSET 12.5 and a 500 (issue 9).
 */
export const PageNumber = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1)
