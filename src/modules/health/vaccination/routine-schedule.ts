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

export const routineScheduleSchema = z
  .object({
    version: z.string(),
    effectiveFrom: z.string(),
    verification: z.string(),
    source: z.string(),
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

/**
 * The routine (定期) schedule is data, versioned by file; a new 実施要領 is a new file, not a code change. Validated
 * when loaded so a mistake in the data stops the start instead of giving a parent a wrong date.
 */
export function loadRoutineSchedule(
  file = new URL('./data/routine-schedule.v1.json', import.meta.url),
): RoutineSchedule {
  return routineScheduleSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}
