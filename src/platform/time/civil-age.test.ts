import { describe, expect, it } from 'vitest';
import { ageInMonths, ageInYears, dateAttainingAge, plainDate, schoolEntryDate } from './civil-age.ts';

const d = plainDate;

describe('dateAttainingAge (年齢計算ニ関スル法律, 民法 §143)', () => {
  it('holds an age from the corresponding date', () => {
    expect(dateAttainingAge(d('2025-05-15'), { months: 2 }).toString()).toBe('2025-07-15');
    expect(dateAttainingAge(d('2025-05-15'), { years: 1 }).toString()).toBe('2026-05-15');
  });

  it('moves to the first of the next month when the month has no corresponding date', () => {
    expect(dateAttainingAge(d('2024-12-31'), { months: 2 }).toString()).toBe('2025-03-01');
    expect(dateAttainingAge(d('2024-02-29'), { years: 1 }).toString()).toBe('2025-03-01');
    expect(dateAttainingAge(d('2024-02-29'), { years: 4 }).toString()).toBe('2028-02-29');
  });

  it('counts weeks and days from birth as day 0', () => {
    expect(dateAttainingAge(d('2025-01-01'), { weeks: 6 }).toString()).toBe('2025-02-12');
    expect(dateAttainingAge(d('2025-01-01'), { weeks: 14, days: 6 }).toString()).toBe('2025-04-15');
  });
});

describe('ages on a date', () => {
  it('counts whole years and months', () => {
    expect(ageInYears(d('2020-04-01'), d('2026-03-31'))).toBe(5);
    expect(ageInYears(d('2020-04-01'), d('2026-04-01'))).toBe(6);
    expect(ageInMonths(d('2025-08-21'), d('2025-11-20'))).toBe(2);
    expect(ageInMonths(d('2025-08-21'), d('2025-11-21'))).toBe(3);
    expect(ageInMonths(d('2024-12-31'), d('2025-02-28'))).toBe(1);
    expect(ageInMonths(d('2024-12-31'), d('2025-03-01'))).toBe(2);
  });
});

describe('schoolEntryDate', () => {
  it('puts April 1 birthdays with the year before (早生まれ) and April 2 with the next', () => {
    expect(schoolEntryDate(d('2019-04-01')).toString()).toBe('2025-04-01');
    expect(schoolEntryDate(d('2019-04-02')).toString()).toBe('2026-04-01');
    expect(schoolEntryDate(d('2020-03-31')).toString()).toBe('2026-04-01');
  });
});
