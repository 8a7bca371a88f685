import { plainDate } from '../../../platform/time/civil-age.ts';
import { gestationalWeek, prenatalVisits } from '../checkups/checkup-schedule.ts';

export function evaluatePrenatalSchedule(input: { expectedDeliveryDate: string; asOf: string }) {
  const due = plainDate(input.expectedDeliveryDate);
  const asOf = plainDate(input.asOf);
  return {
    asOf: asOf.toString(),
    gestationalWeek: gestationalWeek(due, asOf),
    visits: prenatalVisits(due, asOf).map((v) => ({ ...v, date: v.date.toString() })),
  };
}
