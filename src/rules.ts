// The rule constants of DESIGN, each named with its section, in one place: the services, the
// lifecycle job and the demo seed all read them here. No imports but the schema's own limit, so
// any layer may depend on this file.
import { MAX_LICENSES } from './db/schema/subscriptions'

/** §3: licences per subscription; the schema's check constraint holds the same limit. */
export { MAX_LICENSES }

/** §3: removing licences is immediate, with a prorated credit, this long after the term start or
 *  after an addition (for up to the licences it added). */
export const REMOVAL_WINDOW_DAYS = 7
/** §3: cancelling is immediate, with a prorated refund, this long after the term start. */
export const CANCEL_REFUND_WINDOW_DAYS = 7
/** §3: an expired subscription keeps its users this long, then it is disabled. */
export const EXPIRED_DAYS = 30
/** §3: a disabled subscription's data is kept this long, then it is deleted. */
export const DISABLED_DAYS = 90
/** §3: a trial lasts this long … */
export const TRIAL_DAYS = 30
/** §3: … with this many licences. */
export const TRIAL_LICENSES = 25
/** §9: the trial-ending reminder goes out this long before the trial ends. */
export const TRIAL_REMINDER_DAYS = 7
/** §6: the Invoices tab's own ranges ("Past 3 months" by default, "Past 6 months") … */
export const INVOICE_RANGE_PRESET_MONTHS = { past3: 3, past6: 6 } as const
/** … and the longest date range a user may specify (a year's invoices and the year before). */
export const INVOICE_RANGE_MAX_MONTHS = 24
