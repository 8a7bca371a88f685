import { Temporal } from 'temporal-polyfill';
import { dateAttainingAge } from '../../../platform/time/civil-age.ts';

export type PlainDate = Temporal.PlainDate;

/** 'YYYY-MM-DD' that names a real calendar day (2025-02-30 is refused rather than rolled over to March). */
export function parseCivilDate(value: string): PlainDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return null;
  }
}

export function civilDate(value: string): PlainDate {
  const parsed = parseCivilDate(value);
  if (!parsed) throw new Error(`not a civil date: ${value}`);
  return parsed;
}

/**
 * The day at whose end a person born on `birthDate` reaches age `years` (年齢計算ニ関スル法律 with 民法 143): the day
 * before the age is held. The rule itself, including the 29 February case, lives once in platform/time.
 */
export function dayReachingAge(birthDate: PlainDate, years: number): PlainDate {
  return dateAttainingAge(birthDate, { years }).subtract({ days: 1 });
}

/** "The first March 31 on or after the day the child reaches `years`" (…歳に達する日以後の最初の3月31日). */
export function firstMarch31OnOrAfterReachingAge(birthDate: PlainDate, years: number): PlainDate {
  const reached = dayReachingAge(birthDate, years);
  const march31 = new Temporal.PlainDate(reached.year, 3, 31);
  return Temporal.PlainDate.compare(reached, march31) <= 0 ? march31 : march31.add({ years: 1 });
}

/** Japanese fiscal year (年度) a day belongs to: April to March. */
export function fiscalYearOf(date: PlainDate): number {
  return date.month >= 4 ? date.year : date.year - 1;
}

/** The twelve first-of-month days of a fiscal year, April first. */
export function monthStartsOfFiscalYear(fiscalYear: number): PlainDate[] {
  // Built directly: the polyfill's date arithmetic (add({ months })) costs several times the constructor, and the
  // rules ask for these twelve days on every evaluation.
  return Array.from({ length: 12 }, (_, i) => {
    const month = ((i + 3) % 12) + 1;
    return new Temporal.PlainDate(month >= 4 ? fiscalYear : fiscalYear + 1, month, 1);
  });
}

/** '2025-04' for the month of a day. */
export function yearMonth(date: PlainDate): string {
  return date.toString().slice(0, 7);
}

export function isBefore(a: PlainDate, b: PlainDate): boolean {
  return Temporal.PlainDate.compare(a, b) < 0;
}

export function isOnOrBefore(a: PlainDate, b: PlainDate): boolean {
  return Temporal.PlainDate.compare(a, b) <= 0;
}
