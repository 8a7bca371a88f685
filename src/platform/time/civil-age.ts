import { Temporal } from 'temporal-polyfill';

export type PlainDate = Temporal.PlainDate;

/** An age as the law counts it: years, months, weeks and days since birth (生後). */
export interface AgeSpec {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
}

export function plainDate(iso: string): PlainDate {
  return Temporal.PlainDate.from(iso, { overflow: 'reject' });
}

/**
 * The first day on which a person born on `birth` has the given age.
 *
 * Under 年齢計算ニ関スル法律 and 民法 §143 a period counted in years or months ends at the end of the day before the
 * corresponding date; so the age is held from the corresponding date itself. When that month has no corresponding
 * date (born on the 31st, or 29 February), the period ends with the last day of the month and the age is held from
 * the first day of the next month — not on the clamped date that calendar arithmetic would give.
 * Weeks and days count from birth as day 0 (生後6週0日 = birth + 42 days).
 */
export function dateAttainingAge(birth: PlainDate, age: AgeSpec): PlainDate {
  const months = (age.years ?? 0) * 12 + (age.months ?? 0);
  let date = birth;
  if (months > 0) {
    const target = birth.add({ months }, { overflow: 'constrain' });
    date = target.day === birth.day ? target : target.with({ day: target.daysInMonth }).add({ days: 1 });
  }
  return date.add({ days: (age.weeks ?? 0) * 7 + (age.days ?? 0) });
}

/** Whole years of age on `on` (the person turns N at the end of the day before the Nth birthday). */
export function ageInYears(birth: PlainDate, on: PlainDate): number {
  let years = on.year - birth.year;
  if (Temporal.PlainDate.compare(dateAttainingAge(birth, { years }), on) > 0) years -= 1;
  return years;
}

/** Whole months of age on `on`, by the same rule. */
export function ageInMonths(birth: PlainDate, on: PlainDate): number {
  let months = (on.year - birth.year) * 12 + (on.month - birth.month);
  while (months > 0 && Temporal.PlainDate.compare(dateAttainingAge(birth, { months }), on) > 0) months -= 1;
  return Math.max(0, months);
}

/**
 * The April 1 on which a child enters elementary school (小学校就学): the first April 1 after the child turns 6.
 * A child born on April 1 turns 6 at the end of March 31 and so enters with the children born the year before.
 */
export function schoolEntryDate(birth: PlainDate): PlainDate {
  const turnsSixOn = dateAttainingAge(birth, { years: 6 }).subtract({ days: 1 });
  const april = Temporal.PlainDate.from({ year: turnsSixOn.year, month: 4, day: 1 });
  return Temporal.PlainDate.compare(april, turnsSixOn) > 0 ? april : april.add({ years: 1 });
}

export function minDate(a: PlainDate, b: PlainDate): PlainDate {
  return Temporal.PlainDate.compare(a, b) <= 0 ? a : b;
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}

export const compareDates = Temporal.PlainDate.compare;
