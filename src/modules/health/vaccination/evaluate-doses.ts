import {
  compareDates,
  dateAttainingAge,
  maxDate,
  minDate,
  type PlainDate,
  schoolEntryDate,
} from '../../../platform/time/civil-age.ts';
import type { DoseRule, RoutineSchedule, VaccineRule } from './routine-schedule.ts';

export const DOSE_STATUSES = ['completed', 'not-yet-eligible', 'due', 'overdue', 'aged-out'] as const;
export type DoseStatusName = (typeof DOSE_STATUSES)[number];

export interface GivenDose {
  vaccine: string;
  dose: number;
  date: PlainDate;
}

export interface DoseStatus {
  vaccine: string;
  dose: number;
  status: DoseStatusName;
  /** The day the dose was given (completed). */
  givenOn?: PlainDate;
  /** First day it may be given; absent while an earlier dose is missing. */
  earliest?: PlainDate;
  /** When the standard schedule suggests giving it (for reminders). */
  recommendedFrom?: PlainDate;
  /** After this day the dose is late against the standard schedule but still allowed. */
  recommendedBy?: PlainDate;
  /** Last day it may be given as a routine (公費) vaccination. */
  latest?: PlainDate;
  /** The earlier dose this one waits for. */
  waitingForDose?: number;
}

interface Window {
  from: PlainDate;
  /** inclusive */
  to: PlainDate;
}

function legalWindow(birth: PlainDate, rule: DoseRule): Window {
  if (rule.schoolYear === 'year-before-entry') {
    const entry = schoolEntryDate(birth);
    return { from: entry.subtract({ years: 1 }), to: entry.subtract({ days: 1 }) };
  }
  return {
    from: dateAttainingAge(birth, rule.from ?? {}),
    to: dateAttainingAge(birth, rule.until ?? {}).subtract({ days: 1 }),
  };
}

/** One dose of one vaccine for one child on `asOf`, given the doses already recorded. */
function evaluateDose(
  birth: PlainDate,
  vaccine: VaccineRule,
  rule: DoseRule,
  given: ReadonlyMap<number, PlainDate>,
  asOf: PlainDate,
): DoseStatus {
  const base = { vaccine: vaccine.code, dose: rule.dose };
  const givenOn = given.get(rule.dose);
  if (givenOn) return { ...base, status: 'completed', givenOn };

  const legal = legalWindow(birth, rule);
  let earliest = legal.from;
  let recommendedBy: PlainDate | undefined;
  for (const interval of rule.after) {
    const previous = given.get(interval.dose);
    if (!previous) {
      const status = compareDates(asOf, legal.to) > 0 ? 'aged-out' : 'not-yet-eligible';
      return { ...base, status, latest: legal.to, waitingForDose: interval.dose };
    }
    earliest = maxDate(earliest, previous.add({ days: interval.minDays ?? 0, months: interval.minMonths ?? 0 }));
    if (interval.recommendedMaxDays !== undefined || interval.recommendedMaxMonths !== undefined) {
      const by = previous.add({ days: interval.recommendedMaxDays ?? 0, months: interval.recommendedMaxMonths ?? 0 });
      recommendedBy = recommendedBy ? minDate(recommendedBy, by) : by;
    }
  }

  let recommendedFrom = earliest;
  if (rule.recommended) {
    recommendedFrom = maxDate(earliest, dateAttainingAge(birth, rule.recommended.from));
    const by = dateAttainingAge(birth, rule.recommended.until).subtract({ days: 1 });
    recommendedBy = recommendedBy ? minDate(recommendedBy, by) : by;
  }
  recommendedBy = minDate(maxDate(recommendedBy ?? legal.to, recommendedFrom), legal.to);

  if (compareDates(earliest, legal.to) > 0 || compareDates(asOf, legal.to) > 0) {
    return { ...base, status: 'aged-out', latest: legal.to };
  }
  const window = { earliest, recommendedFrom, recommendedBy, latest: legal.to };
  if (compareDates(asOf, earliest) < 0) return { ...base, status: 'not-yet-eligible', ...window };
  if (compareDates(asOf, recommendedBy) > 0) return { ...base, status: 'overdue', ...window };
  return { ...base, status: 'due', ...window };
}

/** Every dose of every routine vaccine for a child, in schedule order. */
export function evaluateDoses(
  schedule: RoutineSchedule,
  birth: PlainDate,
  history: readonly GivenDose[],
  asOf: PlainDate,
): DoseStatus[] {
  return schedule.vaccines.flatMap((vaccine) => {
    const given = new Map(history.filter((h) => h.vaccine === vaccine.code).map((h) => [h.dose, h.date]));
    return vaccine.doses.map((rule) => evaluateDose(birth, vaccine, rule, given, asOf));
  });
}
