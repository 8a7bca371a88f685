import { describe, expect, it } from 'vitest';
import { plainDate as d } from '../../../platform/time/civil-age.ts';
import { gestationalWeek, infantCheckups, prenatalVisits } from './checkup-schedule.ts';

describe('乳幼児健診', () => {
  it('lists the six check-ups with their windows and status on a date', () => {
    const list = infantCheckups(d('2026-08-21'), d('2026-11-21'), new Set(['1m']));
    expect(list.map((c) => [c.code, c.status])).toEqual([
      ['1m', 'done'],
      ['3-6m', 'due'],
      ['9-11m', 'upcoming'],
      ['1y6m', 'upcoming'],
      ['3y', 'upcoming'],
      ['5y', 'upcoming'],
    ]);
    const threeYear = list.find((c) => c.code === '3y');
    expect([threeYear?.from.toString(), threeYear?.to.toString()]).toEqual(['2029-08-21', '2030-08-20']);
    expect(list.filter((c) => c.statutory).map((c) => c.code)).toEqual(['1y6m', '3y']);
  });

  it('marks a window that has closed without a record as missed', () => {
    const list = infantCheckups(d('2025-01-10'), d('2025-03-10'));
    expect(list[0]).toMatchObject({ code: '1m', status: 'missed' });
  });
});

describe('妊婦健診', () => {
  it('counts gestational weeks back from the expected delivery date', () => {
    expect(gestationalWeek(d('2027-05-01'), d('2027-05-01'))).toBe(40);
    expect(gestationalWeek(d('2027-05-01'), d('2026-07-25'))).toBe(0);
  });

  it('plans 14 visits, 4-weekly, then 2-weekly from week 24, weekly from week 36', () => {
    const visits = prenatalVisits(d('2027-05-01'), d('2026-11-21'));
    expect(visits).toHaveLength(14);
    expect(visits.map((v) => v.week)).toEqual([8, 12, 16, 20, 24, 26, 28, 30, 32, 34, 36, 37, 38, 39]);
    // 2026-11-21 is in week 17: visits up to week 16 are past, week 20 is next
    expect(visits.find((v) => v.status === 'next')?.week).toBe(20);
    expect(visits.filter((v) => v.status === 'past')).toHaveLength(3);
  });
});
