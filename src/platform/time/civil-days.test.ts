import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { civilFromDay, dayFromIso, epochDay, isoFromDay } from './civil-days.ts';

describe('epoch days', () => {
  it('agrees with Temporal on every day across four centuries of edge years', () => {
    let date = Temporal.PlainDate.from('1899-12-25');
    const end = Temporal.PlainDate.from('2101-01-05');
    let expected = date.since(Temporal.PlainDate.from('1970-01-01')).days;
    while (Temporal.PlainDate.compare(date, end) <= 0) {
      expect(epochDay(date.year, date.month, date.day)).toBe(expected);
      expect(civilFromDay(expected)).toEqual({ year: date.year, month: date.month, day: date.day });
      date = date.add({ days: 1 });
      expected++;
    }
  });

  it('round-trips ISO dates', () => {
    expect(dayFromIso('1970-01-01')).toBe(0);
    expect(isoFromDay(dayFromIso('2024-02-29'))).toBe('2024-02-29');
    expect(isoFromDay(dayFromIso('2000-03-01') - 1)).toBe('2000-02-29');
  });
});
