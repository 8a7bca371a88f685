import { describe, expect, it } from 'vitest';
import { plainDate as d } from '../../../platform/time/civil-age.ts';
import { evaluateCatchUp } from './catch-up.ts';
import { maternalVaccinations } from './maternal-schedule.ts';
import { loadRoutineSchedule } from './routine-schedule.ts';

const schedule = loadRoutineSchedule();
const hpv = schedule.catchUp.find((p) => p.code === 'hpv-catch-up');
if (!hpv) throw new Error('hpv-catch-up missing from the schedule data');
const dose = (date: string) => ({ vaccine: 'hpv', date: d(date) });
const woman = (birthDate: string) => ({ birthDate: d(birthDate), sex: 'female' });

describe('HPV キャッチアップ接種 (schedule data + engine)', () => {
  it('is labelled as needing verification and names its source', () => {
    expect(hpv.verification).toMatch(/to be verified against the 定期接種実施要領/);
    expect(hpv.source).toMatch(/1997-04-02/);
  });

  it('covers women born 1997-04-02 … 2008-04-01 from 2022-04-01 to 2025-03-31, 3 doses in all', () => {
    expect(evaluateCatchUp(hpv, woman('1997-04-02'), [], d('2022-04-01'))).toMatchObject({
      status: 'open',
      dosesLeft: 3,
      until: '2025-03-31',
    });
    expect(evaluateCatchUp(hpv, woman('2008-04-01'), [], d('2025-03-31')).status).toBe('open');
    expect(evaluateCatchUp(hpv, woman('1997-04-01'), [], d('2023-01-01')).status).toBe('not-eligible');
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), [], d('2022-03-31')).status).toBe('closed');
    expect(evaluateCatchUp(hpv, { birthDate: d('2000-05-05'), sex: 'male' }, [], d('2023-01-01')).status).toBe(
      'not-eligible',
    );
  });

  it('counts earlier doses towards the three and is completed at three', () => {
    const history = [dose('2013-06-01'), dose('2022-05-01')];
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), history, d('2022-06-01'))).toMatchObject({
      status: 'open',
      dosesGiven: 2,
      dosesLeft: 1,
    });
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), [...history, dose('2022-11-01')], d('2022-12-01')).status).toBe(
      'completed',
    );
  });

  it('after 2025-03-31 stays open to 2026-03-31 only for those with a dose between 2022-04-01 and 2025-03-31', () => {
    const started = [dose('2025-03-31')];
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), started, d('2026-03-31'))).toMatchObject({
      status: 'open',
      until: '2026-03-31',
      extended: true,
      dosesLeft: 2,
    });
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), started, d('2026-04-01')).status).toBe('closed');
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), [dose('2022-03-31')], d('2025-06-01')).status).toBe('closed');
    expect(evaluateCatchUp(hpv, woman('2000-05-05'), [], d('2025-06-01')).status).toBe('closed');
  });

  it('the extension also covers 平成20年度生まれ who started in the period', () => {
    expect(evaluateCatchUp(hpv, woman('2009-04-01'), [dose('2024-10-01')], d('2025-10-01'))).toMatchObject({
      status: 'open',
      extended: true,
    });
    expect(evaluateCatchUp(hpv, woman('2009-04-02'), [dose('2024-10-01')], d('2025-10-01')).status).toBe(
      'not-eligible',
    );
  });
});

describe('RSV vaccine in pregnancy (schedule data + engine)', () => {
  const rsv = (due: string, asOf: string) => {
    const found = maternalVaccinations(schedule, d(due), d(asOf)).find((v) => v.code === 'rsv-maternal');
    if (!found) throw new Error('rsv-maternal missing from the schedule data');
    return found;
  };

  it('is routine at 28w0d–36w6d, marked for verification', () => {
    // due 2027-02-01 → week 0 day 0 = 2026-04-27; 28w0d = 2026-11-09; 36w6d = 2027-01-10
    expect(rsv('2027-02-01', '2026-11-08')).toMatchObject({
      status: 'upcoming',
      from: '2026-11-09',
      until: '2027-01-10',
    });
    expect(rsv('2027-02-01', '2026-11-09').status).toBe('due');
    expect(rsv('2027-02-01', '2027-01-10').status).toBe('due');
    expect(rsv('2027-02-01', '2027-01-11').status).toBe('closed');
    expect(rsv('2027-02-01', '2026-11-09').verification).toMatch(/to be verified/);
  });

  it('never opens before it became routine on 2026-04-01', () => {
    // due 2026-04-20 → week 0 = 2025-07-14, 36w6d = 2026-03-29: the whole window was before 2026-04-01
    expect(rsv('2026-04-20', '2026-02-01').status).toBe('not-routine');
    // due 2026-05-20 → window 2026-02-25 … 2026-04-28: opens on 2026-04-01
    expect(rsv('2026-05-20', '2026-03-15')).toMatchObject({ status: 'upcoming', from: '2026-04-01' });
  });
});
