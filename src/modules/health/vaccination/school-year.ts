import { civilFromDay, type EpochDay, epochDay } from '../../../platform/time/civil-days.ts';

/**
 * School (= fiscal) years for windows such as HPV's 「12歳となる日の属する年度の初日から16歳となる日の属する年度の末日まで」.
 * The Japanese school year runs April 1 – March 31, and an age is reached at the end of the day before the birthday
 * (年齢計算ニ関スル法律), so a child born on April 1 reaches 12 on March 31 and belongs to the school year of those born
 * from the previous April 2 (早生まれ).
 */

/** April 1 of the school year that contains `day`. */
export function schoolYearStart(day: EpochDay): EpochDay {
  const { year, month } = civilFromDay(day);
  return epochDay(month >= 4 ? year : year - 1, 4, 1);
}

/** March 31 that ends the school year containing `day`. */
export function schoolYearEnd(day: EpochDay): EpochDay {
  const { year, month } = civilFromDay(day);
  return epochDay(month >= 4 ? year + 1 : year, 3, 31);
}

/**
 * The window from April 1 of the school year in which the child reaches `fromAge` to March 31 of the one in which she
 * reaches `throughAge`, given the days on which she holds those ages (the birthdays, dayAttainingAge).
 */
export function schoolYearsOfAge(holdsFromAgeOn: EpochDay, holdsThroughAgeOn: EpochDay): [EpochDay, EpochDay] {
  return [schoolYearStart(holdsFromAgeOn - 1), schoolYearEnd(holdsThroughAgeOn - 1)];
}
