import { Temporal } from 'temporal-polyfill';

/**
 * The age class (歳児クラス) a child is in for a target month: nursery classes follow the school year, so the class is
 * the child's age on April 1 of that fiscal year. Under 年齢計算ニ関スル法律 a child turns N at the end of the day
 * before the Nth birthday, so a child born on April 1 is already N on April 1 and joins the older class, while one
 * born on April 2 is not: the 0歳児 class of a year is born from April 2 two years before to April 1. Returns null
 * when the child is not yet born in the target month or is past nursery age (6+).
 */
export function ageClassFor(birthDate: string, targetMonth: string): number | null {
  const birth = Temporal.PlainDate.from(birthDate);
  const month = Temporal.PlainYearMonth.from(targetMonth.slice(0, 7));
  if (Temporal.PlainYearMonth.compare(Temporal.PlainYearMonth.from(birth), month) > 0) return null;
  const fiscalYear = month.month >= 4 ? month.year : month.year - 1;
  const april1 = Temporal.PlainDate.from({ year: fiscalYear, month: 4, day: 1 });
  if (Temporal.PlainDate.compare(birth, april1) >= 0) return 0;
  const age = birth.until(april1, { largestUnit: 'years' }).years;
  return age <= 5 ? age : null;
}
