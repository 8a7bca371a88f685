import { Temporal } from 'temporal-polyfill';
import { type AgeSpec, civilFromDay, dayAttainingAge, type EpochDay, epochDay, schoolEntryDay } from './civil-days.ts';

export type PlainDate = Temporal.PlainDate;

export type { AgeSpec } from './civil-days.ts';

export function plainDate(iso: string): PlainDate {
  return Temporal.PlainDate.from(iso, { overflow: 'reject' });
}

const toDay = (date: PlainDate) => epochDay(date.year, date.month, date.day);
const fromDay = (days: EpochDay) => Temporal.PlainDate.from(civilFromDay(days));

/**
 * The first day on which a person born on `birth` has the given age — the legal rule of 年齢計算ニ関スル法律 and
 * 民法 §143, implemented once in civil-days.ts (see there for the month-end case).
 */
export function dateAttainingAge(birth: PlainDate, age: AgeSpec): PlainDate {
  return fromDay(dayAttainingAge(toDay(birth), age));
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

/** The April 1 on which a child enters elementary school (小学校就学); see civil-days.ts. */
export function schoolEntryDate(birth: PlainDate): PlainDate {
  return fromDay(schoolEntryDay(toDay(birth)));
}

export function minDate(a: PlainDate, b: PlainDate): PlainDate {
  return Temporal.PlainDate.compare(a, b) <= 0 ? a : b;
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}

export const compareDates = Temporal.PlainDate.compare;
