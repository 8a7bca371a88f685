import { describe, expect, it } from 'vitest';
import { dayFromIso as d, isoFromDay } from '../../../platform/time/civil-days.ts';
import { evaluateDoses, type GivenDose } from './evaluate-doses.ts';
import { loadRoutineSchedule } from './routine-schedule.ts';

const schedule = loadRoutineSchedule();
const statusOf = (birth: string, asOf: string, history: GivenDose[] = []) => {
  const all = evaluateDoses(schedule, d(birth), history, d(asOf));
  return (vaccine: string, dose: number) => {
    const found = all.find((s) => s.vaccine === vaccine && s.dose === dose);
    if (!found) throw new Error(`${vaccine} ${dose} missing`);
    const dateFields = ['givenOn', 'earliest', 'recommendedFrom', 'recommendedBy', 'latest'];
    return Object.fromEntries(
      Object.entries(found).map(([k, v]) => [k, dateFields.includes(k) ? isoFromDay(v as number) : v]),
    );
  };
};

describe('routine vaccination schedule', () => {
  it('loads a schedule that is labelled as needing verification', () => {
    expect(schedule.verification).toMatch(/verified against the 定期接種実施要領/);
    expect(schedule.vaccines.map((v) => v.code)).toContain('dpt-ipv-hib');
  });

  it('a newborn: BCG and hepatitis B are open, 5-in-1 is not yet', () => {
    const s = statusOf('2026-09-10', '2026-09-20');
    expect(s('hepb', 1)).toMatchObject({
      status: 'due',
      earliest: '2026-09-10',
      recommendedFrom: '2026-11-10',
      latest: '2027-09-09',
    });
    expect(s('dpt-ipv-hib', 1)).toMatchObject({ status: 'not-yet-eligible', earliest: '2026-11-10' });
    expect(s('hepb', 2)).toMatchObject({ status: 'not-yet-eligible', waitingForDose: 1 });
  });

  it('honours the minimum interval after the previous dose', () => {
    const history = [{ vaccine: 'hepb', dose: 1, date: d('2026-11-10') }];
    const before = statusOf('2026-09-10', '2026-12-06', history);
    expect(before('hepb', 1)).toMatchObject({ status: 'completed', givenOn: '2026-11-10' });
    expect(before('hepb', 2)).toMatchObject({ status: 'not-yet-eligible', earliest: '2026-12-07' });
    expect(before('hepb', 3)).toMatchObject({ earliest: '2027-03-29' }); // 139 days after dose 1
    expect(statusOf('2026-09-10', '2026-12-07', history)('hepb', 2).status).toBe('due');
  });

  it('is overdue past the standard schedule and aged out past the legal limit', () => {
    expect(statusOf('2026-01-10', '2026-12-01')('bcg', 1)).toMatchObject({ status: 'overdue', latest: '2027-01-09' });
    expect(statusOf('2026-01-10', '2027-01-10')('bcg', 1).status).toBe('aged-out');
    expect(statusOf('2026-01-10', '2027-01-09')('bcg', 1).status).toBe('overdue');
  });

  it('rotavirus closes at 24 weeks 0 days', () => {
    expect(statusOf('2026-01-01', '2026-06-18')('rota1', 1).status).toBe('overdue'); // 24w0d: still allowed
    expect(statusOf('2026-01-01', '2026-06-19')('rota1', 1).status).toBe('aged-out');
  });

  it('a dose whose minimum interval cannot fit before the age limit is aged out', () => {
    const history = [{ vaccine: 'rota1', dose: 1, date: d('2026-06-10') }];
    expect(statusOf('2026-01-01', '2026-06-12', history)('rota1', 2).status).toBe('aged-out');
  });

  it('PCV booster needs both 12 months of age and 60 days after dose 3', () => {
    const history = [
      { vaccine: 'pcv', dose: 1, date: d('2026-03-01') },
      { vaccine: 'pcv', dose: 2, date: d('2026-04-01') },
      { vaccine: 'pcv', dose: 3, date: d('2026-12-20') },
    ];
    const s = statusOf('2026-01-01', '2027-01-05', history);
    expect(s('pcv', 4)).toMatchObject({ status: 'not-yet-eligible', earliest: '2027-02-18' });
  });

  it('MR 2nd period runs through the school year before elementary school', () => {
    const history = [{ vaccine: 'mr', dose: 1, date: d('2021-06-01') }];
    // born 2 April 2020: turns 6 at the end of 1 April 2026, so school starts 1 April 2027
    const s = statusOf('2020-04-02', '2026-04-01', history);
    expect(s('mr', 2)).toMatchObject({ status: 'due', earliest: '2026-04-01', latest: '2027-03-31' });
    const early = statusOf('2019-04-01', '2024-04-01', [{ vaccine: 'mr', dose: 1, date: d('2020-06-01') }]);
    expect(early('mr', 2)).toMatchObject({ earliest: '2024-04-01', latest: '2025-03-31' });
  });

  it('a child born on the 31st reaches “2 months” on the first of the month after', () => {
    expect(statusOf('2026-12-31', '2027-02-28')('dpt-ipv-hib', 1)).toMatchObject({
      status: 'not-yet-eligible',
      earliest: '2027-03-01',
    });
  });
});
