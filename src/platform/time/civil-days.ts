/**
 * Civil dates as whole days since 1970-01-01 (proleptic Gregorian), for engines that evaluate millions of dates: the
 * arithmetic is exact integer calendar math (no time zones, no `Date`), and nothing is allocated per date.
 * `civil-age.ts` offers the same rules on Temporal.PlainDate for everything else; both use the functions here.
 */
export type EpochDay = number;

export interface AgeSpec {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

/** Days from 1970-01-01 to y-m-d (the "days from civil" algorithm on 400-year eras). */
export function epochDay(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDay(days: EpochDay): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isoFromDay(days: EpochDay): string {
  const { year, month, day } = civilFromDay(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function dayFromIso(iso: string): EpochDay {
  return epochDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/**
 * The first day on which a person born on `birth` has the given age (年齢計算ニ関スル法律, 民法 §143): a period in years
 * or months ends at the end of the day before the corresponding date, so the age is held from that date; a month
 * without the corresponding date (born on the 31st, 29 February) ends with its last day, so the age is held from the
 * first of the next month. Weeks and days count from birth as day 0 (生後6週0日 = birth + 42).
 */
export function dayAttainingAge(birth: EpochDay, age: AgeSpec): EpochDay {
  const months = (age.years ?? 0) * 12 + (age.months ?? 0);
  const days = (age.weeks ?? 0) * 7 + (age.days ?? 0);
  return months > 0 ? dayAttainingMonths(civilFromDay(birth), months) + days : birth + days;
}

/** dayAttainingAge for a birth date already split into its parts (hot loops split it once per person). */
export function dayAttainingMonths(birth: { year: number; month: number; day: number }, months: number): EpochDay {
  const index = birth.year * 12 + (birth.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = daysInMonth(year, month);
  return birth.day <= last ? epochDay(year, month, birth.day) : epochDay(year, month, last) + 1;
}

/** The April 1 a child enters elementary school: the first April 1 after the day the child turns 6. */
export function schoolEntryDay(birth: EpochDay): EpochDay {
  const turnsSixOn = dayAttainingAge(birth, { years: 6 }) - 1;
  const { year } = civilFromDay(turnsSixOn);
  const april = epochDay(year, 4, 1);
  return april > turnsSixOn ? april : epochDay(year + 1, 4, 1);
}

/** Adds calendar months the way an interval "6 months after the last dose" is read: same day, clamped. */
export function addMonthsClamped(from: EpochDay, months: number): EpochDay {
  if (months === 0) return from;
  const b = civilFromDay(from);
  const index = b.year * 12 + (b.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return epochDay(year, month, Math.min(b.day, daysInMonth(year, month)));
}
