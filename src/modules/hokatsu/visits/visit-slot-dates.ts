import holidayJp from '@holiday-jp/holiday_jp';
import { Temporal } from 'temporal-polyfill';

const HOLIDAYS = holidayJp.holidays as Record<string, unknown>;
export const TOKYO = 'Asia/Tokyo';

export interface VisitRecurrence {
  /** First and last day, 'YYYY-MM-DD' (inclusive). */
  from: string;
  until: string;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** Local Tokyo time 'HH:MM'. */
  startTime: string;
  endTime: string;
}

/** Nurseries are closed on national holidays and over the new year (12/29–1/3), so no tours then. */
export function isNurseryClosed(date: Temporal.PlainDate): boolean {
  if (HOLIDAYS[date.toString()]) return true;
  return (date.month === 12 && date.day >= 29) || (date.month === 1 && date.day <= 3);
}

/** The tours a weekly recurrence produces, as instants, skipping closed days. At most 366 days are expanded. */
export function expandVisitRecurrence(r: VisitRecurrence): { startsAt: Date; endsAt: Date; date: string }[] {
  const from = Temporal.PlainDate.from(r.from);
  const until = Temporal.PlainDate.from(r.until);
  if (Temporal.PlainDate.compare(until, from) < 0) return [];
  if (from.until(until).days > 366) throw new RangeError('a recurrence may span at most one year');
  const start = Temporal.PlainTime.from(r.startTime);
  const end = Temporal.PlainTime.from(r.endTime);
  if (Temporal.PlainTime.compare(end, start) <= 0) throw new RangeError('endTime must be after startTime');
  const out: { startsAt: Date; endsAt: Date; date: string }[] = [];
  for (let d = from; Temporal.PlainDate.compare(d, until) <= 0; d = d.add({ days: 1 })) {
    if (!r.weekdays.includes(d.dayOfWeek) || isNurseryClosed(d)) continue;
    const at = (t: Temporal.PlainTime) =>
      new Date(d.toZonedDateTime({ timeZone: TOKYO, plainTime: t }).epochMilliseconds);
    out.push({ startsAt: at(start), endsAt: at(end), date: d.toString() });
  }
  return out;
}
