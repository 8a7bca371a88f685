import { describe, expect, it } from 'vitest';
import {
  civilDate,
  dayReachingAge,
  firstMarch31OnOrAfterReachingAge,
  fiscalYearOf,
  monthStartsOfFiscalYear,
  parseCivilDate,
} from './civil-date.ts';

describe('Japanese age rule', () => {
  it.each([
    ['2005-04-01', 18, '2023-03-31'],
    ['2005-04-02', 18, '2023-04-01'],
    ['2008-02-29', 18, '2026-02-28'],
    ['2008-02-29', 16, '2024-02-28'],
    ['2007-03-01', 18, '2025-02-28'],
    ['2006-03-01', 18, '2024-02-29'],
    ['2022-06-10', 3, '2025-06-09'],
  ])('born %s reaches %i at the end of %s', (birth, years, reached) => {
    expect(dayReachingAge(civilDate(birth), years).toString()).toBe(reached);
  });

  it.each([
    ['2005-04-01', '2023-03-31'],
    ['2005-04-02', '2024-03-31'],
    ['2024-03-01', '2042-03-31'],
  ])('born %s: the first March 31 on or after reaching 18 is %s', (birth, end) => {
    expect(firstMarch31OnOrAfterReachingAge(civilDate(birth), 18).toString()).toBe(end);
  });
});

describe('civil dates', () => {
  it('refuses impossible days instead of rolling them over', () => {
    expect(parseCivilDate('2025-02-29')).toBeNull();
    expect(parseCivilDate('2024-02-29')?.toString()).toBe('2024-02-29');
    expect(parseCivilDate('2025-4-1')).toBeNull();
  });
  it('knows the fiscal year', () => {
    expect(fiscalYearOf(civilDate('2025-03-31'))).toBe(2024);
    expect(fiscalYearOf(civilDate('2025-04-01'))).toBe(2025);
  });

  it('lists the twelve first days of a fiscal year, April to March', () => {
    expect(monthStartsOfFiscalYear(2025).map(String)).toEqual([
      '2025-04-01',
      '2025-05-01',
      '2025-06-01',
      '2025-07-01',
      '2025-08-01',
      '2025-09-01',
      '2025-10-01',
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });
});
