import {
  type AgeSpec,
  addMonthsClamped,
  civilFromDay,
  daysInMonth,
  type EpochDay,
  epochDay,
  schoolEntryDay,
} from '../../../platform/time/civil-days.ts';
import type { RoutineSchedule } from './routine-schedule.ts';
import { schoolYearEnd, schoolYearStart } from './school-year.ts';

/**
 * `not-determinable`: the vaccine is for one sex and the child's sex is not known (never guessed); `not-applicable`:
 * the vaccine is for the other sex (HPV for boys); `not-needed`: a dose of the full series when the shorter one applies
 * (HPV 9価 dose 3 after a first dose before age 15). New names go at the end: the typed output stores the index.
 */
export const DOSE_STATUSES = [
  'completed',
  'not-yet-eligible',
  'due',
  'overdue',
  'aged-out',
  'not-determinable',
  'not-applicable',
  'not-needed',
] as const;
export type DoseStatusName = (typeof DOSE_STATUSES)[number];

/** The child's sex as the engine takes it: identity's `male` / `female`; anything else (`unspecified`, none) is unknown. */
export const SEX = { unknown: 0, female: 1, male: 2 } as const;
export type SexCode = (typeof SEX)[keyof typeof SEX];
export const sexCode = (sex: string | null | undefined): SexCode =>
  sex === 'female' ? SEX.female : sex === 'male' ? SEX.male : SEX.unknown;

/**
 * Dates here are epoch days (civil-days.ts) and the schedule is compiled once into typed arrays: the engine runs over
 * every child of Tokyo each month (bench/health-schedule.ts, ≤ 60 s for 1.8 M children), so the core writes each
 * child's doses into a caller-owned Int32Array and allocates nothing per dose. `evaluateDoses` wraps the core for
 * callers that want objects (one child on a screen, FHIR).
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

/** "No value" in the typed output (no real epoch day is this far back). */
export const NONE = -2_147_483_648;

/** Layout of one dose in the output array. */
export const SLOT = {
  status: 0,
  givenOn: 1,
  earliest: 2,
  recommendedFrom: 3,
  recommendedBy: 4,
  latest: 5,
  waitingForDose: 6,
} as const;
export const SLOTS = 7;

const COMPLETED = 0;
const NOT_YET = 1;
const DUE = 2;
const OVERDUE = 3;
const AGED_OUT = 4;
const NOT_DETERMINABLE = 5;
const NOT_APPLICABLE = 6;
const NOT_NEEDED = 7;

/** Interval series markers (afterSeries). */
const BOTH = 0;
const REDUCED = 1;
const FULL = 2;

/** The schedule as numbers: one entry per dose (schedule order) in parallel typed arrays; intervals flattened. */
export interface CompiledSchedule {
  readonly count: number;
  readonly vaccine: readonly string[];
  readonly dose: Int32Array;
  /** Legal window from/until as months + days from birth. */
  readonly fromMonths: Int32Array;
  readonly fromDays: Int32Array;
  readonly untilMonths: Int32Array;
  readonly untilDays: Int32Array;
  readonly schoolYearBeforeEntry: Uint8Array;
  /** School years by age (HPV): ages, -1 when the dose has no such window. */
  readonly schoolYearFromAge: Int32Array;
  readonly schoolYearThroughAge: Int32Array;
  readonly recSchoolYearFromAge: Int32Array;
  readonly recSchoolYearThroughAge: Int32Array;
  /** SEX code the vaccine is restricted to, 0 = any. */
  readonly sex: Uint8Array;
  /** Reduced series: index of the vaccine's first dose (-1: the vaccine has no reduced series) and the age limit. */
  readonly seriesFirst: Int32Array;
  readonly seriesBeforeMonths: Int32Array;
  readonly seriesBeforeDays: Int32Array;
  readonly fullSeriesOnly: Uint8Array;
  readonly hasRecommended: Uint8Array;
  readonly recFromMonths: Int32Array;
  readonly recFromDays: Int32Array;
  readonly recUntilMonths: Int32Array;
  readonly recUntilDays: Int32Array;
  /** Intervals of dose i are afterStart[i] … afterStart[i + 1] - 1. */
  readonly afterStart: Int32Array;
  /** Index (in this schedule) of the earlier dose an interval counts from, and its dose number. */
  readonly afterIndex: Int32Array;
  readonly afterDose: Int32Array;
  readonly afterMinMonths: Int32Array;
  readonly afterMinDays: Int32Array;
  /** -1 when the interval has no recommended maximum. */
  readonly afterMaxMonths: Int32Array;
  readonly afterMaxDays: Int32Array;
  /** BOTH, REDUCED or FULL: the series an interval belongs to. */
  readonly afterSeries: Uint8Array;
  /** vaccine code → (dose number → index), for turning a history into the given-on table. */
  readonly indexOf: ReadonlyMap<string, readonly number[]>;
}

const months = (spec: AgeSpec = {}) => (spec.years ?? 0) * 12 + (spec.months ?? 0);
const days = (spec: AgeSpec = {}) => (spec.weeks ?? 0) * 7 + (spec.days ?? 0);

export function compileSchedule(schedule: RoutineSchedule): CompiledSchedule {
  const rules = schedule.vaccines.flatMap((vaccine) =>
    vaccine.doses.map((rule) => ({ code: vaccine.code, vaccine, rule })),
  );
  const n = rules.length;
  const intervals = rules.reduce((sum, r) => sum + r.rule.after.length, 0);
  const indexOf = new Map<string, number[]>();
  rules.forEach(({ code, rule }, i) => {
    const list = indexOf.get(code) ?? [];
    list[rule.dose] = i;
    indexOf.set(code, list);
  });
  const c = {
    count: n,
    vaccine: rules.map((r) => r.code),
    dose: Int32Array.from(rules, (r) => r.rule.dose),
    fromMonths: Int32Array.from(rules, (r) => months(r.rule.from)),
    fromDays: Int32Array.from(rules, (r) => days(r.rule.from)),
    untilMonths: Int32Array.from(rules, (r) => months(r.rule.until)),
    untilDays: Int32Array.from(rules, (r) => days(r.rule.until)),
    schoolYearBeforeEntry: Uint8Array.from(rules, (r) => (r.rule.schoolYear === 'year-before-entry' ? 1 : 0)),
    schoolYearFromAge: Int32Array.from(rules, (r) => ageOfSchoolYear(r.rule.schoolYear, 'fromAge')),
    schoolYearThroughAge: Int32Array.from(rules, (r) => ageOfSchoolYear(r.rule.schoolYear, 'throughAge')),
    recSchoolYearFromAge: Int32Array.from(rules, (r) => r.rule.recommendedSchoolYear?.fromAge ?? -1),
    recSchoolYearThroughAge: Int32Array.from(rules, (r) => r.rule.recommendedSchoolYear?.throughAge ?? -1),
    sex: Uint8Array.from(rules, (r) => (r.vaccine.sex ? sexCode(r.vaccine.sex) : 0)),
    seriesFirst: Int32Array.from(rules, (r) =>
      r.vaccine.reducedSeries ? (indexOf.get(r.code)?.[r.vaccine.doses[0]?.dose ?? 1] ?? -1) : -1,
    ),
    seriesBeforeMonths: Int32Array.from(rules, (r) => months(r.vaccine.reducedSeries?.firstDoseBefore)),
    seriesBeforeDays: Int32Array.from(rules, (r) => days(r.vaccine.reducedSeries?.firstDoseBefore)),
    fullSeriesOnly: Uint8Array.from(rules, (r) => (r.rule.fullSeriesOnly ? 1 : 0)),
    hasRecommended: Uint8Array.from(rules, (r) => (r.rule.recommended ? 1 : 0)),
    recFromMonths: Int32Array.from(rules, (r) => months(r.rule.recommended?.from)),
    recFromDays: Int32Array.from(rules, (r) => days(r.rule.recommended?.from)),
    recUntilMonths: Int32Array.from(rules, (r) => months(r.rule.recommended?.until)),
    recUntilDays: Int32Array.from(rules, (r) => days(r.rule.recommended?.until)),
    afterStart: new Int32Array(n + 1),
    afterIndex: new Int32Array(intervals),
    afterDose: new Int32Array(intervals),
    afterMinMonths: new Int32Array(intervals),
    afterMinDays: new Int32Array(intervals),
    afterMaxMonths: new Int32Array(intervals),
    afterMaxDays: new Int32Array(intervals),
    afterSeries: new Uint8Array(intervals),
    indexOf,
  };
  let k = 0;
  rules.forEach(({ code, rule }, i) => {
    c.afterStart[i] = k;
    for (const a of rule.after) {
      const previous = indexOf.get(code)?.[a.dose];
      if (previous === undefined) throw new Error(`${code} dose ${rule.dose} waits for unknown dose ${a.dose}`);
      const hasMax = a.recommendedMaxMonths !== undefined || a.recommendedMaxDays !== undefined;
      c.afterIndex[k] = previous;
      c.afterDose[k] = a.dose;
      c.afterMinMonths[k] = a.minMonths ?? 0;
      c.afterMinDays[k] = a.minDays ?? 0;
      c.afterMaxMonths[k] = hasMax ? (a.recommendedMaxMonths ?? 0) : -1;
      c.afterMaxDays[k] = hasMax ? (a.recommendedMaxDays ?? 0) : 0;
      c.afterSeries[k] = a.series === 'reduced' ? REDUCED : a.series === 'full' ? FULL : BOTH;
      k++;
    }
  });
  c.afterStart[n] = k;
  return c;
}

function ageOfSchoolYear(window: DoseRuleSchoolYear, key: 'fromAge' | 'throughAge'): number {
  return typeof window === 'object' ? window[key] : -1;
}
type DoseRuleSchoolYear = RoutineSchedule['vaccines'][number]['doses'][number]['schoolYear'];

const compiled = new WeakMap<RoutineSchedule, CompiledSchedule>();

export function compiledSchedule(schedule: RoutineSchedule): CompiledSchedule {
  let c = compiled.get(schedule);
  if (!c) {
    c = compileSchedule(schedule);
    compiled.set(schedule, c);
  }
  return c;
}

/** Fills `given` (one slot per compiled dose, NONE when not given) from a history; unknown vaccines are ignored. */
export function fillGiven(c: CompiledSchedule, history: readonly GivenDose[], given: Int32Array): Int32Array {
  given.fill(NONE, 0, c.count);
  for (const h of history) {
    const index = c.indexOf.get(h.vaccine)?.[h.dose];
    if (index !== undefined && given[index] === NONE) given[index] = h.date;
  }
  return given;
}

/**
 * The core: every dose of one child on `asOf` into `out` (SLOTS numbers per dose, NONE where a field is absent).
 * Integer arithmetic only; the birth date is split into year/month/day once. `sex` (SEX) matters only for vaccines
 * restricted to one sex; left out, those doses are `not-determinable`.
 */
export function evaluateChildInto(
  c: CompiledSchedule,
  birth: EpochDay,
  given: Int32Array,
  asOf: EpochDay,
  out: Int32Array,
  sex: SexCode = SEX.unknown,
): void {
  const b = civilFromDay(birth);
  const birthMonthIndex = b.year * 12 + (b.month - 1);
  const birthDay = b.day;
  // Same rule as dayAttainingMonths (民法 §143: a missing corresponding day means the 1st of the next month).
  const attain = (m: number, d: number): EpochDay => {
    if (m === 0) return birth + d;
    const index = birthMonthIndex + m;
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const last = daysInMonth(year, month);
    return (birthDay <= last ? epochDay(year, month, birthDay) : epochDay(year, month, last) + 1) + d;
  };
  let schoolEntry = NONE;
  let seriesOf = -1;
  let reduced = false;
  for (let i = 0, o = 0; i < c.count; i++, o += SLOTS) {
    out.fill(NONE, o, o + SLOTS);
    const first = c.seriesFirst[i] as number;
    if (first >= 0 && first !== seriesOf) {
      seriesOf = first;
      reduced = reducedSeriesApplies(
        c,
        first,
        given,
        asOf,
        attain(c.seriesBeforeMonths[i] as number, c.seriesBeforeDays[i] as number),
      );
    }
    const givenOn = given[i] as number;
    if (givenOn !== NONE) {
      out[o + SLOT.status] = COMPLETED;
      out[o + SLOT.givenOn] = givenOn;
      continue;
    }
    const onlyFor = c.sex[i] as number;
    if (onlyFor !== 0 && sex !== onlyFor) {
      // Unknown sex is said, never guessed: no window, so nothing is offered or reminded.
      out[o + SLOT.status] = sex === SEX.unknown ? NOT_DETERMINABLE : NOT_APPLICABLE;
      continue;
    }
    if (reduced && c.fullSeriesOnly[i] === 1) {
      out[o + SLOT.status] = NOT_NEEDED;
      continue;
    }

    let legalFrom: number;
    let legalTo: number;
    const fromAge = c.schoolYearFromAge[i] as number;
    if (c.schoolYearBeforeEntry[i] === 1) {
      if (schoolEntry === NONE) schoolEntry = schoolEntryDay(birth);
      legalFrom = addMonthsClamped(schoolEntry, -12);
      legalTo = schoolEntry - 1;
    } else if (fromAge >= 0) {
      // An age is reached the day before the birthday (早生まれ: born April 1 → the earlier school year).
      legalFrom = schoolYearStart(attain(fromAge * 12, 0) - 1);
      legalTo = schoolYearEnd(attain((c.schoolYearThroughAge[i] as number) * 12, 0) - 1);
    } else {
      legalFrom = attain(c.fromMonths[i] as number, c.fromDays[i] as number);
      legalTo = attain(c.untilMonths[i] as number, c.untilDays[i] as number) - 1;
    }
    out[o + SLOT.latest] = legalTo;

    let earliest = legalFrom;
    let recommendedBy = Number.MAX_SAFE_INTEGER;
    let waitingFor = 0;
    const otherSeries = first < 0 ? -1 : reduced ? FULL : REDUCED;
    for (let k = c.afterStart[i] as number, end = c.afterStart[i + 1] as number; k < end; k++) {
      if (c.afterSeries[k] === otherSeries) continue;
      const previous = given[c.afterIndex[k] as number] as number;
      if (previous === NONE) {
        waitingFor = c.afterDose[k] as number;
        break;
      }
      earliest = Math.max(
        earliest,
        addMonthsClamped(previous, c.afterMinMonths[k] as number) + (c.afterMinDays[k] as number),
      );
      const maxMonths = c.afterMaxMonths[k] as number;
      if (maxMonths >= 0) {
        recommendedBy = Math.min(recommendedBy, addMonthsClamped(previous, maxMonths) + (c.afterMaxDays[k] as number));
      }
    }
    if (waitingFor !== 0) {
      out[o + SLOT.status] = asOf > legalTo ? AGED_OUT : NOT_YET;
      out[o + SLOT.waitingForDose] = waitingFor;
      continue;
    }

    let recommendedFrom = earliest;
    if (c.hasRecommended[i] === 1) {
      recommendedFrom = Math.max(earliest, attain(c.recFromMonths[i] as number, c.recFromDays[i] as number));
      recommendedBy = Math.min(recommendedBy, attain(c.recUntilMonths[i] as number, c.recUntilDays[i] as number) - 1);
    } else if ((c.recSchoolYearFromAge[i] as number) >= 0) {
      recommendedFrom = Math.max(earliest, schoolYearStart(attain((c.recSchoolYearFromAge[i] as number) * 12, 0) - 1));
      recommendedBy = Math.min(
        recommendedBy,
        schoolYearEnd(attain((c.recSchoolYearThroughAge[i] as number) * 12, 0) - 1),
      );
    }
    recommendedBy = Math.min(Math.max(Math.min(recommendedBy, legalTo), recommendedFrom), legalTo);

    if (earliest > legalTo || asOf > legalTo) {
      out[o + SLOT.status] = AGED_OUT;
      continue;
    }
    out[o + SLOT.earliest] = earliest;
    out[o + SLOT.recommendedFrom] = recommendedFrom;
    out[o + SLOT.recommendedBy] = recommendedBy;
    out[o + SLOT.status] = asOf < earliest ? NOT_YET : asOf > recommendedBy ? OVERDUE : DUE;
  }
}

/**
 * Whether the reduced series (HPV 9価: 2 doses) applies: the first dose given before the age limit — or, while it is
 * not given, today is before it (a dose today would start the reduced series) — and no dose of the vaccine given
 * sooner than a reduced-series interval allows (a 2nd dose less than 5 months after the 1st needs the full series).
 */
function reducedSeriesApplies(
  c: CompiledSchedule,
  first: number,
  given: Int32Array,
  asOf: EpochDay,
  ageLimitDay: EpochDay,
): boolean {
  const firstGiven = given[first] as number;
  if ((firstGiven === NONE ? asOf : firstGiven) >= ageLimitDay) return false;
  for (let j = first; j < c.count && c.seriesFirst[j] === first; j++) {
    const givenOn = given[j] as number;
    if (givenOn === NONE) continue;
    for (let k = c.afterStart[j] as number, end = c.afterStart[j + 1] as number; k < end; k++) {
      if (c.afterSeries[k] !== REDUCED) continue;
      const previous = given[c.afterIndex[k] as number] as number;
      if (previous === NONE) continue;
      const allowedFrom = addMonthsClamped(previous, c.afterMinMonths[k] as number) + (c.afterMinDays[k] as number);
      if (givenOn < allowedFrom) return false;
    }
  }
  return true;
}

/** The status name of a status code in the typed output. */
export const statusName = (code: number): DoseStatusName => DOSE_STATUSES[code] as DoseStatusName;

/** Every dose of every routine vaccine for a child on `asOf`, in schedule order, as objects. */
export function evaluateDoses(
  schedule: RoutineSchedule,
  birth: EpochDay,
  history: readonly GivenDose[],
  asOf: EpochDay,
  sex: SexCode = SEX.unknown,
): DoseStatus[] {
  const c = compiledSchedule(schedule);
  const out = new Int32Array(c.count * SLOTS);
  evaluateChildInto(c, birth, fillGiven(c, history, new Int32Array(c.count)), asOf, out, sex);
  const result: DoseStatus[] = [];
  for (let i = 0, o = 0; i < c.count; i++, o += SLOTS) {
    const status: DoseStatus = {
      vaccine: c.vaccine[i] as string,
      dose: c.dose[i] as number,
      status: statusName(out[o] as number),
    };
    for (const [field, slot] of FIELD_SLOTS) {
      const value = out[o + slot] as number;
      if (value !== NONE) status[field] = value;
    }
    result.push(status);
  }
  return result;
}

const FIELD_SLOTS = [
  ['givenOn', SLOT.givenOn],
  ['earliest', SLOT.earliest],
  ['recommendedFrom', SLOT.recommendedFrom],
  ['recommendedBy', SLOT.recommendedBy],
  ['latest', SLOT.latest],
  ['waitingForDose', SLOT.waitingForDose],
] as const satisfies readonly (readonly [keyof DoseStatus, number])[];
