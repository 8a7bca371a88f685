import type { PlainDate } from '../../../platform/time/civil-age.ts';
import { compareDates, plainDate } from '../../../platform/time/civil-age.ts';
import type { CatchUpProgram } from './routine-schedule.ts';

export type CatchUpStatusName = 'not-eligible' | 'open' | 'completed' | 'closed';

export interface CatchUpStatus {
  code: string;
  status: CatchUpStatusName;
  dosesGiven: number;
  dosesLeft: number;
  /** Last day a dose is publicly funded for this person (the programme's or the extension's). */
  until?: string;
  /** True when only an extension keeps it open. */
  extended: boolean;
}

const inRange = (day: PlainDate, from: string, until: string) =>
  compareDates(day, plainDate(from)) >= 0 && compareDates(day, plainDate(until)) <= 0;

/**
 * A time-limited cohort programme (HPV キャッチアップ接種) for one person on a day. Eligible: the sex and birth cohort
 * of the programme or of one of its extensions. Open: before the programme's end, or before an extension's end when
 * a dose was given inside the extension's start period. Doses count every dose of the vaccine in the history (a
 * routine dose given earlier counts towards the total, as the 実施要領 restatements say "合計3回受けていない").
 */
export function evaluateCatchUp(
  program: CatchUpProgram,
  person: { birthDate: PlainDate; sex?: string | null },
  history: readonly { vaccine: string; date: PlainDate }[],
  asOf: PlainDate,
): CatchUpStatus {
  const doses = history.filter((h) => h.vaccine === program.vaccine && compareDates(h.date, asOf) <= 0);
  const base = {
    code: program.code,
    dosesGiven: doses.length,
    dosesLeft: Math.max(0, program.totalDoses - doses.length),
  };
  const sexOk = !program.sex || person.sex === program.sex;
  const inMainCohort = inRange(person.birthDate, program.bornFrom, program.bornUntil);
  const extensions = program.extensions.filter((e) =>
    inRange(person.birthDate, e.bornFrom ?? program.bornFrom, e.bornUntil ?? program.bornUntil),
  );
  if (!sexOk || (!inMainCohort && extensions.length === 0)) return { ...base, status: 'not-eligible', extended: false };
  if (base.dosesLeft === 0) return { ...base, status: 'completed', extended: false };
  if (inMainCohort && compareDates(asOf, plainDate(program.from)) < 0) {
    return { ...base, status: 'closed', until: program.until, extended: false };
  }
  if (inMainCohort && compareDates(asOf, plainDate(program.until)) <= 0) {
    return { ...base, status: 'open', until: program.until, extended: false };
  }
  const extension = extensions.find(
    (e) =>
      compareDates(asOf, plainDate(e.until)) <= 0 &&
      doses.some((d) => inRange(d.date, e.startedBetween[0], e.startedBetween[1])),
  );
  if (extension) return { ...base, status: 'open', until: extension.until, extended: true };
  return { ...base, status: 'closed', extended: false };
}
