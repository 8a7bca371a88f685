import { z } from 'zod';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { CATEGORY_CODES } from './codes.ts';
import { AGE_SOURCES, INCOME_BASES } from './program-data.ts';

/** Up to 25 years: the registry's programs run to 18–20; anything past that is a mistake in the request. */
export const MAX_AGE_MONTHS = 300;

const ja = (message: string, text: string) => ({ message, params: { ja: text } });

export const attributionSchema = z
  .object({ ja: z.string(), en: z.string(), license: z.string(), licenseUrl: z.string(), source: z.string() })
  .meta({ id: 'Attribution', description: 'CC BY 4.0 attribution of the Tokyo registry' });

const periodSchema = z
  .object({
    from: z.string().nullable(),
    to: z.string().nullable(),
    fromTime: z.string().nullable(),
    toTime: z.string().nullable(),
    text: z.string().nullable(),
  })
  .meta({ id: 'ProgramPeriod', description: 'Dates as YYYY-MM-DD; free text (「随時」, rules) kept in `text`' });

export const ageMonthsSchema = z
  .object({
    min: z.number().int().nullable(),
    max: z.number().int().nullable().meta({ description: 'Exclusive: the window is [min, max) in months' }),
    source: z.enum(AGE_SOURCES),
  })
  .meta({ id: 'AgeWindow' });

export const programSummarySchema = z
  .object({
    id: z.string().uuid(),
    psid: z.string(),
    municipalityCode: z.string(),
    name: z.string(),
    shortName: z.string().nullable(),
    summary: z.string().nullable(),
    ageMonths: ageMonthsSchema,
    prenatal: z.boolean(),
    categories: z.array(z.string()),
    procedurePeriod: periodSchema,
    url: z.string().nullable(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ProgramSummary' });

export const programDetailSchema = programSummarySchema
  .extend({
    status: z.enum(['published', 'retired']),
    version: z.number().int(),
    targetText: z.string().nullable(),
    targets: z.array(z.string()),
    contents: z.array(z.string()),
    incomeBasis: z.enum(INCOME_BASES).nullable(),
    implementationPeriod: periodSchema,
    links: z.array(z.object({ title: z.string().nullable(), url: z.string(), source: z.enum(['field', 'text']) })),
    contact: z
      .object({
        name: z.string().nullable(),
        phone: z.string().nullable(),
        extension: z.string().nullable(),
        email: z.string().nullable(),
        url: z.string().nullable(),
        address: z.string().nullable(),
        zipCode: z.string().nullable(),
        comment: z.string().nullable(),
      })
      .nullable(),
    effectiveFrom: z.string().nullable(),
    effectiveTo: z.string().nullable(),
    sourceUpdatedOn: z.string().nullable(),
    attribution: attributionSchema,
  })
  .meta({ id: 'ProgramDetail' });

const booleanParam = z.enum(['true', 'false']).transform((v) => v === 'true');

export const searchQuerySchema = z.object({
  municipality: municipalityCodeSchema.optional().meta({ description: 'Includes Tokyo-wide (130001) programs' }),
  ageMonths: z.coerce
    .number()
    .int(ja('Must be a whole number of months', '月齢は整数で指定してください'))
    .min(0, ja('Must be 0 or more', '0 以上を指定してください'))
    .max(MAX_AGE_MONTHS, ja(`Must be at most ${MAX_AGE_MONTHS}`, `${MAX_AGE_MONTHS} 以下を指定してください`))
    .optional()
    .meta({ description: 'Child age in months; keeps programs whose window [min, max) contains it' }),
  unknownAge: z
    .enum(['exclude', 'include'])
    .default('exclude')
    .meta({ description: 'With ageMonths: whether programs whose age window is unknown are kept (default exclude)' }),
  prenatal: booleanParam.optional().meta({ description: 'true: only programs for pregnancy; false: none of them' }),
  category: z
    .string()
    .refine(
      (c) => CATEGORY_CODES.includes(c),
      ja('Unknown category code (001–033)', '不明なカテゴリーコードです（001〜033）'),
    )
    .optional(),
  q: z
    .string()
    .trim()
    .min(1, ja('Must not be empty', '空にはできません'))
    .max(100, ja('At most 100 characters', '100 文字以内で指定してください'))
    .optional()
    .meta({ description: 'Partial-word search in name, summary and target text (Japanese or English)' }),
  limit: z.coerce
    .number()
    .int(ja('Must be a whole number', '整数で指定してください'))
    .min(1, ja('Must be 1 or more', '1 以上を指定してください'))
    .max(200, ja('Must be at most 200', '200 以下を指定してください'))
    .default(50),
  cursor: z.string().max(400).optional().meta({ description: 'nextCursor of the previous page' }),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const searchResultSchema = z
  .object({
    items: z.array(programSummarySchema),
    nextCursor: z.string().nullable(),
    total: z.number().int(),
    unknownAge: z.enum(['exclude', 'include']),
    attribution: attributionSchema,
  })
  .meta({ id: 'ProgramSearchResult' });

export const changesQuerySchema = z.object({
  since: z
    .string()
    .regex(
      /^\d{1,15}$/,
      ja('Must be a cursor from a previous response (digits)', '前回の応答のカーソル（数字）を指定してください'),
    )
    .default('0'),
  limit: z.coerce
    .number()
    .int(ja('Must be a whole number', '整数で指定してください'))
    .min(1, ja('Must be 1 or more', '1 以上を指定してください'))
    .max(1000, ja('Must be at most 1000', '1000 以下を指定してください'))
    .default(500),
});

export const changeSchema = z
  .object({
    cursor: z.string(),
    kind: z.enum(['created', 'updated', 'retired']),
    programId: z.string(),
    psid: z.string(),
    municipalityCode: z.string(),
    version: z.number().int(),
    occurredAt: z.string(),
    program: programSummarySchema.nullable(),
  })
  .meta({ id: 'ProgramChange' });

export const changesResultSchema = z
  .object({
    items: z.array(changeSchema),
    nextCursor: z.string(),
    hasMore: z.boolean(),
    attribution: attributionSchema,
  })
  .meta({ id: 'ProgramChanges' });
