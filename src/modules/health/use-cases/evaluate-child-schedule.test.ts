import { describe, expect, it } from 'vitest';
import { loadRoutineSchedule } from '../vaccination/routine-schedule.ts';
import { evaluateChildSchedule } from './evaluate-child-schedule.ts';

const schedule = loadRoutineSchedule();
const hpvOf = (sex?: string) =>
  evaluateChildSchedule(schedule, {
    birthDate: '2013-07-20',
    ...(sex === undefined ? {} : { sex }),
    asOf: '2026-05-01',
    vaccinations: [],
    checkupsDone: [],
  }).vaccinations.filter((v) => v.vaccine === 'hpv');

describe('evaluateChildSchedule: the HPV series depends on the sex the caller passes', () => {
  it('a girl in 中学1年: dose 1 due in the standard year, dose 3 not needed while she can start before 15', () => {
    const [first, second, third] = hpvOf('female');
    expect(first).toMatchObject({
      vaccineName: { ja: 'HPV（ヒトパピローマウイルス）9価' },
      status: 'due',
      earliest: '2025-04-01',
      recommendedFrom: '2026-04-01',
      recommendedBy: '2027-03-31',
      latest: '2030-03-31',
    });
    expect(second).toMatchObject({ status: 'not-yet-eligible', waitingForDose: 1 });
    expect(third).toMatchObject({ status: 'not-needed', earliest: undefined, latest: undefined });
  });

  it('a boy: not applicable; sex unspecified or omitted: not determinable, without dates', () => {
    expect(hpvOf('male').map((v) => v.status)).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
    for (const sex of ['unspecified', undefined]) {
      const doses = hpvOf(sex);
      expect(doses.map((v) => v.status)).toEqual(['not-determinable', 'not-determinable', 'not-determinable']);
      expect(doses.every((v) => v.earliest === undefined && v.latest === undefined)).toBe(true);
    }
  });
});
