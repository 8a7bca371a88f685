import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { PREGNANCY_STATUSES, RELATIONSHIPS, SEXES } from './tables/household.tables.ts';

function isCivilDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

export const civilDateSchema = z
  .string()
  .refine(isCivilDate, {
    message: 'Must be a date as YYYY-MM-DD',
    params: { ja: '日付は YYYY-MM-DD の形式で指定してください' },
  })
  .meta({ format: 'date', example: '2025-04-01' });

/** Kana readings as written on forms: katakana or hiragana, with spaces and the long-vowel mark. */
export const kanaSchema = z
  .string()
  .trim()
  .min(1, 'Required')
  .max(100)
  .refine((value) => /^[\u3041-\u3096\u30A1-\u30FAー・\s　]+$/.test(value), {
    message: 'Write the reading in kana',
    params: { ja: 'ふりがなはひらがなかカタカナで入力してください' },
  });

export const personNameSchema = z.string().trim().min(1, 'Required').max(100);

export const sexSchema = z.enum(SEXES);

export const childInputSchema = z
  .object({
    name: personNameSchema,
    nameKana: kanaSchema,
    birthDate: civilDateSchema,
    sex: sexSchema,
    relationship: z.enum(RELATIONSHIPS).default('guardian'),
  })
  .strict();

export const childPatchSchema = z
  .object({
    name: personNameSchema.optional(),
    nameKana: kanaSchema.optional(),
    birthDate: civilDateSchema.optional(),
    sex: sexSchema.optional(),
  })
  .strict();

export const pregnancyInputSchema = z.object({ expectedDeliveryDate: civilDateSchema }).strict();
export const pregnancyPatchSchema = z
  .object({ expectedDeliveryDate: civilDateSchema.optional(), status: z.enum(PREGNANCY_STATUSES).optional() })
  .strict();

export const moveInputSchema = z
  .object({ municipalityCode: municipalityCodeSchema, movedOn: civilDateSchema })
  .strict();

export const childSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    nameKana: z.string(),
    birthDate: z.string(),
    sex: sexSchema,
    municipalityCode: z.string(),
  })
  .meta({ id: 'Child' });

export const pregnancySchema = z
  .object({
    id: z.uuid(),
    parentId: z.uuid(),
    expectedDeliveryDate: z.string(),
    status: z.enum(PREGNANCY_STATUSES),
    municipalityCode: z.string(),
  })
  .meta({ id: 'Pregnancy' });

export const householdSchema = z
  .object({
    id: z.uuid(),
    municipalityCode: z.string(),
    parents: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        birthDate: z.string().nullable(),
        address: z.string().nullable(),
        sex: sexSchema.nullable(),
        verifiedAt: z.string(),
      }),
    ),
    children: z.array(childSchema),
    pregnancies: z.array(pregnancySchema),
    residences: z.array(
      z.object({ municipalityCode: z.string(), movedInOn: z.string(), movedOutOn: z.string().nullable() }),
    ),
    relationships: z.array(z.object({ parentId: z.uuid(), childId: z.uuid(), relationship: z.enum(RELATIONSHIPS) })),
  })
  .meta({ id: 'Household' });

export type HouseholdView = z.infer<typeof householdSchema>;
export type ChildView = z.infer<typeof childSchema>;
export type PregnancyView = z.infer<typeof pregnancySchema>;
