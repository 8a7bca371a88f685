import { plainDate } from '../../../platform/time/civil-age.ts';
import { dayFromIso, type EpochDay, isoFromDay } from '../../../platform/time/civil-days.ts';
import { infantCheckups } from '../checkups/checkup-schedule.ts';
import { evaluateDoses, sexCode } from '../vaccination/evaluate-doses.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';

export interface EvaluateChildScheduleInput {
  birthDate: string;
  /** identity's `male` / `female` / `unspecified`; absent or `unspecified`: HPV is `not-determinable`. */
  sex?: string | null | undefined;
  asOf: string;
  vaccinations: { vaccine: string; dose: number; date: string }[];
  checkupsDone: string[];
}

/**
 * Vaccinations and check-ups for one child on one day, from the birth date and what has been given. Stateless:
 * nothing about the child is stored or looked up, so partner apps can use it without sharing a record.
 */
export function evaluateChildSchedule(schedule: RoutineSchedule, input: EvaluateChildScheduleInput) {
  const birth = plainDate(input.birthDate);
  const asOf = plainDate(input.asOf);
  const names = new Map(schedule.vaccines.map((v) => [v.code, v.name]));
  const history = input.vaccinations.map((v) => ({ vaccine: v.vaccine, dose: v.dose, date: dayFromIso(v.date) }));
  const iso = (day: EpochDay | undefined) => (day === undefined ? undefined : isoFromDay(day));
  return {
    asOf: asOf.toString(),
    schedule: { version: schedule.version, verification: schedule.verification },
    vaccinations: evaluateDoses(
      schedule,
      dayFromIso(input.birthDate),
      history,
      dayFromIso(input.asOf),
      sexCode(input.sex),
    ).map((s) => ({
      vaccine: s.vaccine,
      vaccineName: names.get(s.vaccine) ?? { ja: s.vaccine, en: s.vaccine },
      dose: s.dose,
      status: s.status,
      givenOn: iso(s.givenOn),
      earliest: iso(s.earliest),
      recommendedFrom: iso(s.recommendedFrom),
      recommendedBy: iso(s.recommendedBy),
      latest: iso(s.latest),
      waitingForDose: s.waitingForDose,
    })),
    checkups: infantCheckups(birth, asOf, new Set(input.checkupsDone)).map((c) => ({
      ...c,
      from: c.from.toString(),
      to: c.to.toString(),
    })),
  };
}
