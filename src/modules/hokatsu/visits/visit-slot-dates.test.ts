import { describe, expect, it } from 'vitest';
import { expandVisitRecurrence } from './visit-slot-dates.ts';

describe('expandVisitRecurrence', () => {
  it('makes weekly tours in Tokyo time and skips national holidays and the new-year closure', () => {
    const tours = expandVisitRecurrence({
      from: '2026-12-21',
      until: '2027-01-15',
      weekdays: [1, 3],
      startTime: '10:00',
      endTime: '11:00',
    });
    // Mondays and Wednesdays; 12/30 (closure), 1/11 (成人の日) skipped.
    expect(tours.map((t) => t.date)).toEqual([
      '2026-12-21',
      '2026-12-23',
      '2026-12-28',
      '2027-01-04',
      '2027-01-06',
      '2027-01-13',
    ]);
    expect(tours[0]!.startsAt.toISOString()).toBe('2026-12-21T01:00:00.000Z');
    expect(tours[0]!.endsAt.getTime() - tours[0]!.startsAt.getTime()).toBe(3_600_000);
  });

  it('refuses an end before the start and spans over a year', () => {
    expect(() =>
      expandVisitRecurrence({
        from: '2026-01-01',
        until: '2026-01-31',
        weekdays: [1],
        startTime: '10:00',
        endTime: '09:00',
      }),
    ).toThrow(RangeError);
    expect(() =>
      expandVisitRecurrence({
        from: '2026-01-01',
        until: '2027-06-01',
        weekdays: [1],
        startTime: '10:00',
        endTime: '11:00',
      }),
    ).toThrow(RangeError);
  });
});
