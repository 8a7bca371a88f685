import { z } from 'zod';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { CATEGORY_CODES } from './codes.ts';
import { EMPTY_PERIOD, INCOME_BASES, type ProgramData } from './program-data.ts';
import { MAX_AGE_MONTHS } from './registry.schemas.ts';

const ja = (message: string, text: string) => ({ message, params: { ja: text } });
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, ja('Must be a date (YYYY-MM-DD)', '日付（YYYY-MM-DD）で指定してください'));
const months = z.number().int().min(0).max(MAX_AGE_MONTHS).nullable();
const period = z.object({
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  fromTime: z.string().nullable().default(null),
  toTime: z.string().nullable().default(null),
  text: z.string().max(4000).nullable(),
});

/** What staff may edit. The municipality is fixed when the program is created. */
export const programChangesSchema = z.object({
  name: z.string().trim().min(1).max(200),
  shortName: z.string().trim().max(200).nullable(),
  summary: z.string().max(4000).nullable(),
  targetText: z.string().max(4000).nullable(),
  categories: z
    .array(
      z.string().refine((c) => CATEGORY_CODES.includes(c), ja('Unknown category code', '不明なカテゴリーコードです')),
    )
    .max(33),
  ageMonths: z.object({ min: months, max: months }),
  prenatal: z.boolean(),
  incomeBasis: z.enum(INCOME_BASES).nullable(),
  procedurePeriod: period,
  implementationPeriod: period,
  url: z.string().url().nullable(),
  effectiveFrom: isoDate.nullable(),
  effectiveTo: isoDate.nullable(),
});
export type ProgramChanges = z.infer<typeof programChangesSchema>;

export const newProgramSchema = programChangesSchema.partial().extend({
  municipalityCode: municipalityCodeSchema,
  name: z.string().trim().min(1).max(200),
});
export type NewProgram = z.infer<typeof newProgramSchema>;

export function blankProgram(municipalityCode: string, name: string): ProgramData {
  return {
    municipalityCode,
    name,
    shortName: null,
    summary: null,
    targetText: null,
    categories: [],
    targets: [],
    contents: [],
    ageMonths: { min: null, max: null, source: 'unknown' },
    prenatal: false,
    incomeBasis: null,
    procedurePeriod: { ...EMPTY_PERIOD },
    implementationPeriod: { ...EMPTY_PERIOD },
    links: [],
    contact: null,
    url: null,
    sourceUpdatedOn: null,
  };
}

/** Applies staff changes to a program's data; an age window set by staff is explicit by definition. */
export function applyChanges(base: ProgramData, changes: Partial<ProgramChanges>): ProgramData {
  const { effectiveFrom: _f, effectiveTo: _t, ageMonths, ...rest } = changes;
  const next: ProgramData = { ...base, ...rest };
  if (ageMonths) {
    const known = ageMonths.min != null || ageMonths.max != null;
    next.ageMonths = { ...ageMonths, source: known ? 'explicit' : 'unknown' };
  }
  return next;
}
