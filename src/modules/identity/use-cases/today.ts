import { Temporal } from 'temporal-polyfill';

/** The civil date in Japan at this instant: what "today" means for a birth date or a due date. */
export function todayInTokyo(now: Date): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO('Asia/Tokyo').toPlainDate();
}
