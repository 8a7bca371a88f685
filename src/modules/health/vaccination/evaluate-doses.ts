import {
  type AgeSpec,
  addMonthsClamped,
  civilFromDay,
  dayAttainingMonths,
  type EpochDay,
  schoolEntryDay,
} from '../../../platform/time/civil-days.ts';
import type { RoutineSchedule } from './routine-schedule.ts';

export const DOSE_STATUSES = ['completed', 'not-yet-eligible', 'due', 'overdue', 'aged-out'] as const;
export type DoseStatusName = (typeof DOSE_STATUSES)[number];

/**
 * Dates here are epoch days (civil-days.ts) and the schedule is compiled once into plain numbers: the engine runs over
 * every child of Tokyo each month, and allocation-free integer calendar arithmetic is what fits that in its time
 * budget (bench/health-schedule.ts).
 */
export interface GivenDose {
  vaccine: string;
  dose: number;
  date: EpochDay;
}

export interface DoseStatus {
  vaccine: string;
  dose: number;
  status: DoseStatusName;
  /** The day the dose was given (completed). */
  givenOn?: EpochDay;
  /** First day it may be given; absent while an earlier dose is missing. */
  earliest?: EpochDay;
  /** When the standard schedule suggests giving it (for reminders). */
  recommendedFrom?: EpochDay;
  /** After this day the dose is late against the standard schedule but still allowed. */
  recommendedBy?: EpochDay;
  /** Last day it may be given as a routine (公費) vaccination. */
  latest?: EpochDay;
  /** The earlier dose this one waits for. */
  waitingForDose?: number;
}

/** An age as months + days from birth (years folded into months, weeks into days). */
interface Age {
  months: number;
  days: number;
}

interface CompiledDose {
  vaccine: string;
  dose: number;
  from: Age;
  until: Age;
  schoolYearBeforeEntry: boolean;
  after: { dose: number; minMonths: number; minDays: number; maxMonths?: number; maxDays?: number }[];
  recommended?: { from: Age; until: Age };
}

const toAge = (spec: AgeSpec = {}): Age => ({
  months: (spec.years ?? 0) * 12 + (spec.months ?? 0),
  days: (spec.weeks ?? 0) * 7 + (spec.days ?? 0),
});

export type CompiledSchedule = readonly CompiledDose[];

export function compileSchedule(schedule: RoutineSchedule): CompiledSchedule {
  return schedule.vaccines.flatMap((vaccine) =>
    vaccine.doses.map((rule) => ({
      vaccine: vaccine.code,
      dose: rule.dose,
      from: toAge(rule.from),
      until: toAge(rule.until),
      schoolYearBeforeEntry: rule.schoolYear === 'year-before-entry',
      after: rule.after.map((a) => ({
        dose: a.dose,
        minMonths: a.minMonths ?? 0,
        minDays: a.minDays ?? 0,
        ...(a.recommendedMaxMonths !== undefined || a.recommendedMaxDays !== undefined
          ? { maxMonths: a.recommendedMaxMonths ?? 0, maxDays: a.recommendedMaxDays ?? 0 }
          : {}),
      })),
      ...(rule.recommended
        ? { recommended: { from: toAge(rule.recommended.from), until: toAge(rule.recommended.until) } }
        : {}),
    })),
  );
}

const compiled = new WeakMap<RoutineSchedule, CompiledSchedule>();

/** Every dose of every routine vaccine for a child on `asOf`, in schedule order. */
export function evaluateDoses(
  schedule: RoutineSchedule,
  birth: EpochDay,
  history: readonly GivenDose[],
  asOf: EpochDay,
): DoseStatus[] {
  let doses = compiled.get(schedule);
  if (!doses) {
    doses = compileSchedule(schedule);
    compiled.set(schedule, doses);
  }
  const civil = civilFromDay(birth);
  const attain = (age: Age) => (age.months > 0 ? dayAttainingMonths(civil, age.months) : birth) + age.days;
  const givenOf = (vaccine: string, dose: number) => {
    for (const h of history) if (h.vaccine === vaccine && h.dose === dose) return h.date;
    return undefined;
  };
  return doses.map((rule) => evaluateDose(rule, attain, birth, givenOf, asOf));
}

function evaluateDose(
  rule: CompiledDose,
  attain: (age: Age) => EpochDay,
  birth: EpochDay,
  givenOf: (vaccine: string, dose: number) => EpochDay | undefined,
  asOf: EpochDay,
): DoseStatus {
  const base = { vaccine: rule.vaccine, dose: rule.dose };
  const givenOn = givenOf(rule.vaccine, rule.dose);
  if (givenOn !== undefined) return { ...base, status: 'completed', givenOn };

  let legalFrom: EpochDay;
  let legalTo: EpochDay;
  if (rule.schoolYearBeforeEntry) {
    const entry = schoolEntryDay(birth);
    legalFrom = addMonthsClamped(entry, -12);
    legalTo = entry - 1;
  } else {
    legalFrom = attain(rule.from);
    legalTo = attain(rule.until) - 1;
  }

  let earliest = legalFrom;
  let recommendedBy = Number.POSITIVE_INFINITY;
  for (const interval of rule.after) {
    const previous = givenOf(rule.vaccine, interval.dose);
    if (previous === undefined) {
      const status = asOf > legalTo ? 'aged-out' : 'not-yet-eligible';
      return { ...base, status, latest: legalTo, waitingForDose: interval.dose };
    }
    earliest = Math.max(earliest, addMonthsClamped(previous, interval.minMonths) + interval.minDays);
    if (interval.maxMonths !== undefined) {
      recommendedBy = Math.min(recommendedBy, addMonthsClamped(previous, interval.maxMonths) + (interval.maxDays ?? 0));
    }
  }

  let recommendedFrom = earliest;
  if (rule.recommended) {
    recommendedFrom = Math.max(earliest, attain(rule.recommended.from));
    recommendedBy = Math.min(recommendedBy, attain(rule.recommended.until) - 1);
  }
  recommendedBy = Math.min(Math.max(Math.min(recommendedBy, legalTo), recommendedFrom), legalTo);

  if (earliest > legalTo || asOf > legalTo) return { ...base, status: 'aged-out', latest: legalTo };
  const window = { earliest, recommendedFrom, recommendedBy, latest: legalTo };
  if (asOf < earliest) return { ...base, status: 'not-yet-eligible', ...window };
  if (asOf > recommendedBy) return { ...base, status: 'overdue', ...window };
  return { ...base, status: 'due', ...window };
}
