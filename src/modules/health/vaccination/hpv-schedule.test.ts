import { describe, expect, it } from 'vitest';
import { dayFromIso as d, isoFromDay } from '../../../platform/time/civil-days.ts';
import { evaluateDoses, type GivenDose, SEX, type SexCode, sexCode } from './evaluate-doses.ts';
import { loadRoutineSchedule } from './routine-schedule.ts';

const schedule = loadRoutineSchedule();
const hpv = (birth: string, asOf: string, sex: SexCode, given: [number, string][] = []) => {
  const history: GivenDose[] = given.map(([dose, date]) => ({ vaccine: 'hpv', dose, date: d(date) }));
  return evaluateDoses(schedule, d(birth), history, d(asOf), sex)
    .filter((s) => s.vaccine === 'hpv')
    .map((s) =>
      Object.fromEntries(
        Object.entries(s).map(([k, v]) => [
          k,
          k === 'vaccine' || k === 'dose' || k === 'status' || k === 'waitingForDose' ? v : isoFromDay(v as number),
        ]),
      ),
    );
};

describe('routine HPV series (girls, 小6〜高1)', () => {
  it('is in the schedule data with its source and the verification note', () => {
    const rule = schedule.vaccines.find((v) => v.code === 'hpv');
    expect(rule).toMatchObject({ sex: 'female', reducedSeries: { firstDoseBefore: { years: 15 } } });
    expect(rule?.source).toMatch(/health reference §2/);
    expect(rule?.verification).toMatch(/to be verified against the 定期接種実施要領/);
  });

  it('born April 1: the window opens on April 1 of the school year she reaches 12 (the year ahead)', () => {
    const [first] = hpv('2014-04-01', '2025-04-01', SEX.female);
    expect(first).toMatchObject({
      dose: 1,
      status: 'due',
      earliest: '2025-04-01',
      // Standard period: the school year of age 13 (中学1年).
      recommendedFrom: '2026-04-01',
      recommendedBy: '2027-03-31',
      latest: '2030-03-31',
    });
    expect(hpv('2014-04-01', '2025-03-31', SEX.female)[0]).toMatchObject({ status: 'not-yet-eligible' });
    expect(hpv('2014-04-01', '2030-03-31', SEX.female)[0]).toMatchObject({ status: 'overdue' });
    expect(hpv('2014-04-01', '2030-04-01', SEX.female)[0]).toMatchObject({ status: 'aged-out' });
  });

  it('born April 2: one school year later', () => {
    expect(hpv('2014-04-02', '2025-04-01', SEX.female)[0]).toMatchObject({
      status: 'not-yet-eligible',
      earliest: '2026-04-01',
      recommendedFrom: '2027-04-01',
      recommendedBy: '2028-03-31',
      latest: '2031-03-31',
    });
    expect(hpv('2014-04-02', '2031-03-31', SEX.female)[0]).toMatchObject({ status: 'overdue' });
  });

  describe('2 or 3 doses: the switch at age 15 (born 2012-06-10, 15 on 2027-06-10)', () => {
    const birth = '2012-06-10';

    it('first dose the day before the 15th birthday: 2 doses, the second at least 5 months later, even after 15', () => {
      const [, second, third] = hpv(birth, '2027-07-01', SEX.female, [[1, '2027-06-09']]);
      expect(second).toMatchObject({ status: 'not-yet-eligible', earliest: '2027-11-09', latest: '2029-03-31' });
      expect(third).toEqual({ vaccine: 'hpv', dose: 3, status: 'not-needed' });
      const done = hpv(birth, '2027-12-01', SEX.female, [
        [1, '2027-06-09'],
        [2, '2027-11-09'],
      ]);
      expect(done.map((s) => s.status)).toEqual(['completed', 'completed', 'not-needed']);
    });

    it('first dose on the 15th birthday: 3 doses, ≥1 month then ≥3 months after the second', () => {
      const [, second, third] = hpv(birth, '2027-07-01', SEX.female, [[1, '2027-06-10']]);
      expect(second).toMatchObject({ status: 'not-yet-eligible', earliest: '2027-07-10' });
      expect(third).toMatchObject({ status: 'not-yet-eligible', waitingForDose: 2 });
      const after = hpv(birth, '2027-11-10', SEX.female, [
        [1, '2027-06-10'],
        [2, '2027-08-10'],
      ]);
      expect(after[2]).toMatchObject({ status: 'due', earliest: '2027-11-10', latest: '2029-03-31' });
    });

    it('no dose yet: 2 doses while she is 14, 3 from her 15th birthday', () => {
      expect(hpv(birth, '2027-06-09', SEX.female).map((s) => s.status)).toEqual([
        'overdue',
        'not-yet-eligible',
        'not-needed',
      ]);
      const at15 = hpv(birth, '2027-06-10', SEX.female);
      expect(at15.map((s) => s.status)).toEqual(['overdue', 'not-yet-eligible', 'not-yet-eligible']);
      expect(at15[2]).toMatchObject({ waitingForDose: 2 });
    });

    it('a second dose less than 5 months after a first before 15 needs a third, ≥3 months after the second', () => {
      const statuses = hpv(birth, '2027-03-01', SEX.female, [
        [1, '2026-09-01'],
        [2, '2027-01-31'],
      ]);
      expect(statuses[2]).toMatchObject({ status: 'not-yet-eligible', earliest: '2027-04-30' });
      const fiveMonths = hpv(birth, '2027-03-01', SEX.female, [
        [1, '2026-09-01'],
        [2, '2027-02-01'],
      ]);
      expect(fiveMonths[2]).toEqual({ vaccine: 'hpv', dose: 3, status: 'not-needed' });
    });
  });

  it('boys are excluded: no window, no dose offered; other vaccines unchanged', () => {
    const boy = hpv('2013-05-05', '2026-05-05', SEX.male);
    expect(boy).toEqual([1, 2, 3].map((dose) => ({ vaccine: 'hpv', dose, status: 'not-applicable' })));
    const others = (sex: SexCode) =>
      evaluateDoses(schedule, d('2013-05-05'), [], d('2026-05-05'), sex).filter((s) => s.vaccine !== 'hpv');
    expect(others(SEX.male)).toEqual(others(SEX.female));
  });

  it('unknown sex (unspecified or not given): "not determinable", never a guess', () => {
    expect(sexCode('unspecified')).toBe(SEX.unknown);
    expect(sexCode(null)).toBe(SEX.unknown);
    expect(sexCode(undefined)).toBe(SEX.unknown);
    const statuses = hpv('2013-05-05', '2026-05-05', sexCode('unspecified'));
    expect(statuses).toEqual([1, 2, 3].map((dose) => ({ vaccine: 'hpv', dose, status: 'not-determinable' })));
    // Without a sex argument the engine does not assume one either.
    const omitted = evaluateDoses(schedule, d('2013-05-05'), [], d('2026-05-05')).filter((s) => s.vaccine === 'hpv');
    expect(omitted.map((s) => s.status)).toEqual(['not-determinable', 'not-determinable', 'not-determinable']);
    // A recorded dose is reported as given whatever is known of the sex.
    expect(hpv('2013-05-05', '2026-05-05', SEX.unknown, [[1, '2026-04-10']])[0]).toMatchObject({
      status: 'completed',
      givenOn: '2026-04-10',
    });
  });
});
