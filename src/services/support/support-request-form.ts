// What a support request must hold (DESIGN §9), checked in one place: the route shows every problem
// beside its field, and fileSupportRequest checks the same again before it writes.

/** The schema's check holds the same limits (support_requests_lengths), in characters. */
export const MAX_SUPPORT_SUBJECT_LENGTH = 200
export const MAX_SUPPORT_MESSAGE_LENGTH = 5000

export type SupportRequestProblem = 'subject_required' | 'subject_too_long' | 'message_required' | 'message_too_long'

export type SupportRequestInput = { subject: string; message: string; subscriptionId: string | null }

export type CheckedSupportRequest = {
  /** The text as it will be stored: trimmed, line breaks as \n. */
  subject: string
  message: string
  problems: { field: 'subject' | 'message'; problem: SupportRequestProblem }[]
}

/** Characters as PostgreSQL's char_length counts them (code points), not UTF-16 units: an emoji is one. */
export const characterCount = (s: string): number => [...s].length

/**
 * Trims both fields and turns the browser's CRLF line breaks into \n (a textarea posts CRLF, which
 * would count every line break twice against the limit), then lists each field's problem.
 */
export function checkSupportRequest(input: { subject: string; message: string }): CheckedSupportRequest {
  const subject = input.subject.replace(/\s+/g, ' ').trim()
  const message = input.message.replace(/\r\n?/g, '\n').trim()
  const problems: CheckedSupportRequest['problems'] = []
  if (subject === '') problems.push({ field: 'subject', problem: 'subject_required' })
  else if (characterCount(subject) > MAX_SUPPORT_SUBJECT_LENGTH)
    problems.push({ field: 'subject', problem: 'subject_too_long' })
  if (message === '') problems.push({ field: 'message', problem: 'message_required' })
  else if (characterCount(message) > MAX_SUPPORT_MESSAGE_LENGTH)
    problems.push({ field: 'message', problem: 'message_too_long' })
  return { subject, message, problems }
}

/** An id the database can compare: anything else would be a query error, so it is simply not found. */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)
