import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ageSpec = z
  .object({
    years: z.number().int().min(0).optional(),
    months: z.number().int().min(0).optional(),
    weeks: z.number().int().min(0).optional(),
    days: z.number().int().min(0).optional(),
  })
  .strict();

const interval = z
  .object({
    dose: z.number().int().min(1),
    minDays: z.number().int().min(0).optional(),
    minMonths: z.number().int().min(0).optional(),
    recommendedMaxDays: z.number().int().min(0).optional(),
    recommendedMaxMonths: z.number().int().min(0).optional(),
  })
  .strict();

const dose = z
  .object({
    dose: z.number().int().min(1),
    /** Legal window by age: from (inclusive) … until (exclusive). */
    from: ageSpec.optional(),
    until: ageSpec.optional(),
    /** Windows counted in school years instead of age (MR 2期: the year before elementary school). */
    schoolYear: z.enum(['year-before-entry']).optional(),
    after: z.array(interval).default([]),
    recommended: z.object({ from: ageSpec, until: ageSpec }).strict().optional(),
  })
  .strict()
  .refine((d) => d.schoolYear !== undefined || d.until !== undefined, 'a dose needs an age limit or a school year');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const sourced = {
  name: z.object({ ja: z.string(), en: z.string() }),
  /** Where the rule comes from, and that it is still to be checked against the 実施要領. */
  source: z.string(),
  verification: z.string(),
  notes: z.string().optional(),
};

/**
 * A time-limited programme for a birth cohort (HPV キャッチアップ接種): who (born in [bornFrom, bornUntil], sex), when
 * (calendar [from, until]), how many doses in all, and an optional extension for those who started inside a period.
 */
const catchUpProgram = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    vaccine: z.string(),
    ...sourced,
    sex: z.enum(['female', 'male']).optional(),
    bornFrom: isoDate,
    bornUntil: isoDate,
    from: isoDate,
    until: isoDate,
    totalDoses: z.number().int().min(1),
    extensions: z
      .array(
        z
          .object({
            until: isoDate,
            /** Birth cohort of the extension when it differs from the programme's (e.g. the last routine year). */
            bornFrom: isoDate.optional(),
            bornUntil: isoDate.optional(),
            /** At least one dose given in [from, until] opens the extension. */
            startedBetween: z.tuple([isoDate, isoDate]),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/** A vaccination in pregnancy (妊婦のRSウイルスワクチン): a window in gestational weeks, routine from a date. */
const maternalVaccine = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/),
    ...sourced,
    routineFrom: isoDate,
    fromWeek: z.number().int().min(0).max(42),
    /** Last gestational week (inclusive: up to day 6 of it). */
    untilWeek: z.number().int().min(0).max(42),
    dosesPerPregnancy: z.number().int().min(1),
  })
  .strict();

export const routineScheduleSchema = z
  .object({
    version: z.string(),
    effectiveFrom: z.string(),
    verification: z.string(),
    source: z.string(),
    catchUp: z.array(catchUpProgram).default([]),
    maternal: z.array(maternalVaccine).default([]),
    vaccines: z.array(
      z
        .object({
          code: z.string().regex(/^[a-z0-9-]+$/),
          name: z.object({ ja: z.string(), en: z.string() }),
          notes: z.string().optional(),
          doses: z.array(dose).min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type RoutineSchedule = z.infer<typeof routineScheduleSchema>;
export type VaccineRule = RoutineSchedule['vaccines'][number];
export type DoseRule = VaccineRule['doses'][number];
export type CatchUpProgram = RoutineSchedule['catchUp'][number];
export type MaternalVaccine = RoutineSchedule['maternal'][number];

/**
 * The routine (定期) schedule is data, versioned by file; a new 実施要領 is a new file, not a code change. Validated
 * when loaded so a mistake in the data stops the start instead of giving a parent a wrong date.
 */
export function loadRoutineSchedule(
  file = new URL('./data/routine-schedule.v1.json', import.meta.url),
): RoutineSchedule {
  return routineScheduleSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
