import { z } from 'zod';
import { plainDate } from '../../platform/time/civil-age.ts';
import { CHECKUP_STATUSES } from './checkups/checkup-schedule.ts';
import { DOSE_STATUSES } from './vaccination/evaluate-doses.ts';

/** YYYY-MM-DD that is a real calendar date (2026-02-30 is refused). */
export const civilDateSchema = z
  .string()
  .refine(
    (value) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
      try {
        plainDate(value);
        return true;
      } catch {
        return false;
      }
    },
    {
      message: 'Must be a real date as YYYY-MM-DD',
      params: { ja: '実在する日付を YYYY-MM-DD 形式で指定してください' },
    },
  )
  .meta({ example: '2026-08-21', format: 'date' });

const ageOrder = (value: { birthDate: string; asOf?: string | undefined }) =>
  !value.asOf || value.asOf >= value.birthDate;

export const childScheduleRequestSchema = z
  .object({
    birthDate: civilDateSchema,
    sex: z
      .enum(['male', 'female', 'unspecified'])
      .optional()
      .meta({ description: 'For vaccines of one sex (HPV); omitted or unspecified: those are "not-determinable"' }),
    asOf: civilDateSchema.optional().meta({ description: 'The day to evaluate on; today (JST) when omitted' }),
    vaccinations: z
      .array(
        z
          .object({
            vaccine: z.string().regex(/^[a-z0-9-]+$/),
            dose: z.number().int().min(1).max(10),
            date: civilDateSchema,
          })
          .strict(),
      )
      .max(100)
      .default([]),
    checkupsDone: z.array(z.string()).max(20).default([]),
  })
  .strict()
  .refine(ageOrder, {
    path: ['asOf'],
    message: 'asOf must not be before birthDate',
    params: { ja: '評価日は生年月日以降の日付を指定してください' },
  });

const date = z.string().meta({ format: 'date' });

export const doseStatusSchema = z.object({
  vaccine: z.string(),
  vaccineName: z.object({ ja: z.string(), en: z.string() }),
  dose: z.number().int(),
  status: z.enum(DOSE_STATUSES),
  givenOn: date.optional(),
  earliest: date.optional(),
  recommendedFrom: date.optional(),
  recommendedBy: date.optional(),
  latest: date.optional(),
  waitingForDose: z.number().int().optional(),
});

export const childScheduleResponseSchema = z
  .object({
    asOf: date,
    schedule: z.object({ version: z.string(), verification: z.string() }),
    vaccinations: z.array(doseStatusSchema),
    checkups: z.array(
      z.object({
        code: z.string(),
        name: z.object({ ja: z.string(), en: z.string() }),
        statutory: z.boolean(),
        from: date,
        to: date,
        status: z.enum(CHECKUP_STATUSES),
      }),
    ),
  })
  .meta({ id: 'ChildHealthSchedule' });

export const prenatalRequestSchema = z
  .object({ expectedDeliveryDate: civilDateSchema, asOf: civilDateSchema.optional() })
  .strict();

export const prenatalResponseSchema = z
  .object({
    asOf: date,
    gestationalWeek: z.number().int(),
    visits: z.array(
      z.object({
        number: z.number().int(),
        week: z.number().int(),
        date,
        status: z.enum(['past', 'next', 'upcoming']),
      }),
    ),
  })
  .meta({ id: 'PrenatalCheckupSchedule' });
