import { describe, expect, it } from 'vitest';
import { loadRoutineSchedule } from '../vaccination/routine-schedule.ts';
import { questionnaireDoses } from './questionnaire-doses.ts';

const schedule = loadRoutineSchedule();
const keys = (doses: { vaccine: string; dose: number }[]) => doses.map((d) => `${d.vaccine}:${d.dose}`);

describe('the doses a 予診票 offers', () => {
  it('offers a 2-month-old the first infant doses, not those a year away', () => {
    const offered = keys(questionnaireDoses(schedule, { birthDate: '2026-09-20', sex: 'male' }, [], '2026-11-22'));
    expect(offered).toEqual(expect.arrayContaining(['hepb:1', 'pcv:1', 'dpt-ipv-hib:1']));
    expect(offered).not.toContain('mr:1');
    expect(offered.some((k) => k.startsWith('hpv'))).toBe(false);
  });

  it('drops a given dose and offers the next one once it opens within the booking horizon', () => {
    const offered = keys(
      questionnaireDoses(
        schedule,
        { birthDate: '2026-09-20', sex: 'female' },
        [{ vaccine: 'hepb', dose: 1, givenOn: '2026-11-20' }],
        '2026-11-22',
      ),
    );
    expect(offered).not.toContain('hepb:1');
    expect(offered).toContain('hepb:2');
  });

  it('offers HPV to a girl in her school-year window and never to a boy', () => {
    const girl = keys(questionnaireDoses(schedule, { birthDate: '2013-06-01', sex: 'female' }, [], '2026-11-22'));
    const boy = keys(questionnaireDoses(schedule, { birthDate: '2013-06-01', sex: 'male' }, [], '2026-11-22'));
    expect(girl).toContain('hpv:1');
    expect(boy.some((k) => k.startsWith('hpv'))).toBe(false);
  });
});
