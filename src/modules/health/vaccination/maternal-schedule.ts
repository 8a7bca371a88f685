import type { PlainDate } from '../../../platform/time/civil-age.ts';
import { compareDates, maxDate, plainDate } from '../../../platform/time/civil-age.ts';
import type { MaternalVaccine, RoutineSchedule } from './routine-schedule.ts';

export interface MaternalVaccinationStatus {
  code: string;
  name: { ja: string; en: string };
  /** First and last day of the routine window for this pregnancy (none when it closes before the vaccine became
   *  routine). */
  from?: string;
  until?: string;
  status: 'not-routine' | 'upcoming' | 'due' | 'closed';
  verification: string;
}

/**
 * Vaccinations in pregnancy for one pregnancy on a day. Gestational week 0 day 0 is 280 days before the expected
 * delivery date (as checkup-schedule.ts counts); the window runs from the first day of `fromWeek` to the last day
 * (day 6) of `untilWeek`, and never opens before the vaccine became routine (`routineFrom`).
 */
export function maternalVaccinationStatus(
  vaccine: MaternalVaccine,
  expectedDelivery: PlainDate,
  asOf: PlainDate,
): MaternalVaccinationStatus {
  const week0 = expectedDelivery.subtract({ days: 280 });
  const windowEnd = week0.add({ days: vaccine.untilWeek * 7 + 6 });
  const base = { code: vaccine.code, name: vaccine.name, verification: vaccine.verification };
  const opens = maxDate(week0.add({ days: vaccine.fromWeek * 7 }), plainDate(vaccine.routineFrom));
  if (compareDates(opens, windowEnd) > 0) return { ...base, status: 'not-routine' };
  const window = { from: opens.toString(), until: windowEnd.toString() };
  if (compareDates(asOf, opens) < 0) return { ...base, ...window, status: 'upcoming' };
  if (compareDates(asOf, windowEnd) > 0) return { ...base, ...window, status: 'closed' };
  return { ...base, ...window, status: 'due' };
}

export function maternalVaccinations(
  schedule: RoutineSchedule,
  expectedDelivery: PlainDate,
  asOf: PlainDate,
): MaternalVaccinationStatus[] {
  return schedule.maternal.map((v) => maternalVaccinationStatus(v, expectedDelivery, asOf));
}
