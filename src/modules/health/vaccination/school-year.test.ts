import { describe, expect, it } from 'vitest';
import {
  addMonthsClamped,
  dayFromIso as d,
  dayAttainingAge,
  isoFromDay,
  schoolEntryDay,
} from '../../../platform/time/civil-days.ts';
import { schoolYearEnd, schoolYearStart, schoolYearsOfAge } from './school-year.ts';

const window = (birth: string, fromAge: number, throughAge: number) =>
  schoolYearsOfAge(dayAttainingAge(d(birth), { years: fromAge }), dayAttainingAge(d(birth), { years: throughAge })).map(
    isoFromDay,
  );

describe('school years by age', () => {
  it('a school year runs from April 1 to March 31', () => {
    expect(isoFromDay(schoolYearStart(d('2026-03-31')))).toBe('2025-04-01');
    expect(isoFromDay(schoolYearStart(d('2026-04-01')))).toBe('2026-04-01');
    expect(isoFromDay(schoolYearEnd(d('2026-03-31')))).toBe('2026-03-31');
    expect(isoFromDay(schoolYearEnd(d('2026-04-01')))).toBe('2027-03-31');
  });

  it('a child born on April 1 is a school year ahead of one born on April 2 (早生まれ)', () => {
    expect(window('2014-04-01', 12, 16)).toEqual(['2025-04-01', '2030-03-31']);
    expect(window('2014-04-02', 12, 16)).toEqual(['2026-04-01', '2031-03-31']);
    // Born the next March 31: the same school year as April 2.
    expect(window('2015-03-31', 12, 16)).toEqual(['2026-04-01', '2031-03-31']);
  });

  it('a February 29 birthday: the age is held from March 1 in other years, reached on February 28', () => {
    expect(window('2012-02-29', 12, 16)).toEqual(['2023-04-01', '2028-03-31']);
  });

  it('ages 12 to 16 are 小学6年 to 高校1年 for every birth date of seven years (same as school entry + 5 / + 10)', () => {
    for (let birth = d('2010-01-01'); birth <= d('2016-12-31'); birth++) {
      const entry = schoolEntryDay(birth);
      const [from, to] = schoolYearsOfAge(dayAttainingAge(birth, { years: 12 }), dayAttainingAge(birth, { years: 16 }));
      expect([isoFromDay(birth), from]).toEqual([isoFromDay(birth), addMonthsClamped(entry, 5 * 12)]);
      expect([isoFromDay(birth), to]).toEqual([isoFromDay(birth), addMonthsClamped(entry, 10 * 12) - 1]);
    }
  });
});
