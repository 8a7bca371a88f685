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
    /**
     * For a vaccine with a shorter series (HPV 9価 2 doses): the interval applies only in that series (`reduced`) or
     * only in the full one (`full`); absent, it applies in both.
     */
    series: z.enum(['reduced', 'full']).optional(),
  })
  .strict();

/**
 * School years by age (HPV: 12歳となる日の属する年度の初日から16歳となる日の属する年度の末日まで): from April 1 of the
 * fiscal year in which the child reaches `fromAge` to March 31 of the fiscal year in which she reaches `throughAge`.
 * An age is reached on the day before the birthday, so a child born on April 1 is a school year ahead (早生まれ).
 */
const schoolYearsOfAge = z
  .object({ fromAge: z.number().int().min(0), throughAge: z.number().int().min(0) })
  .strict()
  .refine((w) => w.throughAge >= w.fromAge, 'throughAge must not be before fromAge');

const dose = z
  .object({
    dose: z.number().int().min(1),
    /** Legal window by age: from (inclusive) … until (exclusive). */
    from: ageSpec.optional(),
    until: ageSpec.optional(),
    /**
     * Windows counted in school years instead of age: the year before elementary school (MR 2期), or school years by
     * age (HPV 小6〜高1).
     */
    schoolYear: z.union([z.literal('year-before-entry'), schoolYearsOfAge]).optional(),
    after: z.array(interval).default([]),
    recommended: z.object({ from: ageSpec, until: ageSpec }).strict().optional(),
    /** The standard period in school years by age (HPV: the school year of age 13, 中学1年). */
    recommendedSchoolYear: schoolYearsOfAge.optional(),
    /** Part of the full series only: not needed when the reduced series applies (HPV 9価 dose 3). */
    fullSeriesOnly: z.boolean().optional(),
  })
  .strict()
  .refine((d) => d.schoolYear !== undefined || d.until !== undefined, 'a dose needs an age limit or a school year');

/**
 * A shorter series chosen by the age at the first dose (HPV 9価: 2 doses when the first is given before age 15 and the
 * second at least the `reduced` interval after it; otherwise 3 doses).
 */
const reducedSeries = z
  .object({
    /** The first dose given before this age (on or before the day before the birthday) opens the reduced series. */
    firstDoseBefore: ageSpec,
  })
  .strict();

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
          /** Only for this sex (HPV 定期接種: girls); a child whose sex is not known is "not determinable". */
          sex: z.enum(['female', 'male']).optional(),
          /** Entries newer than the first file carry their own source and verification note. */
          source: z.string().optional(),
          verification: z.string().optional(),
          reducedSeries: reducedSeries.optional(),
          doses: z.array(dose).min(1),
        })
        .strict()
        .refine(
          (v) =>
            v.reducedSeries !== undefined ||
            (v.doses.every((d) => !d.fullSeriesOnly) && v.doses.every((d) => d.after.every((a) => !a.series))),
          'series markers need a reducedSeries rule',
        ),
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
