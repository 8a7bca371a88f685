import { z } from 'zod';
import { civilDateSchema } from '../health.schemas.ts';
import { CHECKUP_OUTCOMES, URINE_TESTS } from './checkup-results.tables.ts';
import { INFANT_CHECKUPS, PRENATAL_VISIT_WEEKS } from './checkup-schedule.ts';

export const INFANT_CHECKUP_CODES = INFANT_CHECKUPS.map((c) => c.code) as [string, ...string[]];
/** 妊婦健診 visits are numbered 1–14 (PRENATAL_VISIT_WEEKS). */
export const PRENATAL_VISIT_CODES = PRENATAL_VISIT_WEEKS.map((_, i) => String(i + 1)) as [string, ...string[]];

const cm = (min: number, max: number) => z.number().min(min).max(max).multipleOf(0.1);
/** Plausible ranges only, to catch a unit or typing slip (grams for kilograms); the clinic's judgement is `outcome`. */
export const measurementsSchema = z
  .object({
    heightCm: cm(30, 200).optional(),
    weightKg: z.number().min(0.3).max(200).multipleOf(0.001).optional(),
    headCircumferenceCm: cm(20, 70).optional(),
    systolicMmHg: z.number().int().min(50).max(260).optional(),
    diastolicMmHg: z.number().int().min(30).max(160).optional(),
    urineProtein: z.enum(URINE_TESTS).optional(),
    urineGlucose: z.enum(URINE_TESTS).optional(),
  })
  .strict();

const resultFields = {
  examinedOn: civilDateSchema,
  outcome: z.enum(CHECKUP_OUTCOMES),
  measurements: measurementsSchema.default({}),
  notes: z.string().max(2000).default(''),
};

/** The health officer records a result for a child or a pregnancy of a household of their municipality. */
export const municipalityCheckupRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('infant'),
      householdId: z.uuid(),
      childId: z.uuid(),
      checkupCode: z.enum(INFANT_CHECKUP_CODES),
      ...resultFields,
    })
    .strict(),
  z
    .object({
      kind: z.literal('prenatal'),
      householdId: z.uuid(),
      pregnancyId: z.uuid(),
      checkupCode: z.enum(PRENATAL_VISIT_CODES),
      ...resultFields,
    })
    .strict(),
]);
export type MunicipalityCheckupRequest = z.infer<typeof municipalityCheckupRequestSchema>;

/** A clinic records a 乳幼児健診 during a visit opened with the parent's code. */
export const clinicCheckupRequestSchema = z
  .object({ checkupCode: z.enum(INFANT_CHECKUP_CODES), ...resultFields })
  .strict();
export type ClinicCheckupRequest = z.infer<typeof clinicCheckupRequestSchema>;

export const checkupResultSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['infant', 'prenatal']),
    subjectId: z.uuid(),
    checkupCode: z.string(),
    examinedOn: z.string(),
    outcome: z.enum(CHECKUP_OUTCOMES),
    measurements: measurementsSchema,
    notes: z.string(),
    recordedByKind: z.enum(['municipality', 'clinic']),
    institutionCode: z.string().nullable(),
  })
  .meta({ id: 'CheckupResult' });

/** A clinic records a 妊婦健診 (visit number 1–14) during a visit opened with the expecting parent's code. */
export const clinicPrenatalCheckupRequestSchema = z
  .object({ checkupCode: z.enum(PRENATAL_VISIT_CODES), ...resultFields })
  .strict();
export type ClinicPrenatalCheckupRequest = z.infer<typeof clinicPrenatalCheckupRequestSchema>;
