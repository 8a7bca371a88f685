import { z } from 'zod';
import { findMunicipality, municipalityCodeSchema } from '../municipalities/index.ts';
import { isBefore, parseCivilDate } from './rules/civil-date.ts';
import { BENEFIT_CODES, type ChildFacts } from './rules/evaluation.ts';

/** A real calendar day as 'YYYY-MM-DD'. */
export const civilDateSchema = z
  .string()
  .refine((value) => parseCivilDate(value) !== null, {
    message: 'Must be a real date as YYYY-MM-DD',
    params: { ja: '実在する日付を YYYY-MM-DD 形式で指定してください' },
  })
  .meta({ format: 'date', example: '2025-04-01' });

export const residencePeriodSchema = z.object({
  municipalityCode: municipalityCodeSchema,
  from: civilDateSchema,
  to: civilDateSchema.nullable().meta({ description: 'Last day lived there (inclusive); null while living there' }),
});

/**
 * A child's facts as the rules need them. Periods must be in date order and must not overlap; a Tokyo code must be
 * one of Tokyo's municipalities (a code elsewhere in Japan is accepted: a child may move in from outside Tokyo).
 */
export const childFactsSchema = z
  .object({
    birthDate: civilDateSchema,
    residence: z.array(residencePeriodSchema).max(100),
  })
  .superRefine((child, ctx) => {
    const birth = parseCivilDate(child.birthDate);
    child.residence.forEach((period, i) => {
      const from = parseCivilDate(period.from);
      const to = period.to === null ? null : parseCivilDate(period.to);
      if (period.municipalityCode.startsWith('13') && !findMunicipality(period.municipalityCode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['residence', i, 'municipalityCode'],
          message: 'Not a municipality of Tokyo',
          params: { ja: '東京都の区市町村コードではありません' },
        });
      }
      if (!from) return;
      if (birth && isBefore(from, birth)) {
        ctx.addIssue({
          code: 'custom',
          path: ['residence', i, 'from'],
          message: 'A residence cannot start before the birth date',
          params: { ja: '住所の開始日が生年月日より前になっています' },
        });
      }
      if (to && isBefore(to, from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['residence', i, 'to'],
          message: 'The end of a residence period is before its start',
          params: { ja: '住所の終了日が開始日より前になっています' },
        });
      }
      if (i === 0) return;
      const previous = child.residence[i - 1]!;
      const previousFrom = parseCivilDate(previous.from);
      const previousTo = previous.to === null ? null : parseCivilDate(previous.to);
      if (previousFrom && !isBefore(previousFrom, from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['residence', i, 'from'],
          message: 'Residence periods must be in date order',
          params: { ja: '住所の期間は日付の順に並べてください' },
        });
      } else if (previousTo === null || !isBefore(previousTo, from)) {
        ctx.addIssue({
          code: 'custom',
          path: ['residence', i, 'from'],
          message: 'This residence period overlaps the previous one',
          params: { ja: '住所の期間が前の期間と重なっています' },
        });
      }
    });
  });
export type ChildFactsInput = z.infer<typeof childFactsSchema>;

export function toChildFacts(input: ChildFactsInput): ChildFacts {
  return {
    birthDate: parseCivilDate(input.birthDate)!,
    residence: input.residence.map((p) => ({
      municipalityCode: p.municipalityCode,
      from: parseCivilDate(p.from)!,
      to: p.to === null ? null : parseCivilDate(p.to)!,
    })),
  };
}

export const fiscalYearSchema = z.number().int().min(2000).max(2100).meta({ description: '年度 (April–March)' });

export const evaluateRequestSchema = z
  .object({ fiscalYear: fiscalYearSchema, child: childFactsSchema })
  .meta({ id: 'BenefitEvaluationRequest' });

const parameterUseSchema = z.object({
  name: z.string(),
  value: z.unknown(),
  effectiveFrom: z.string(),
  status: z.enum(['verified', 'verify']),
  reference: z.string(),
});

export const reasonSchema = z.object({
  condition: z.string(),
  met: z.boolean(),
  en: z.string(),
  ja: z.string(),
  excludedMonths: z.array(z.string()).optional(),
  parameters: z.array(parameterUseSchema),
});

export const evaluateResponseSchema = z
  .object({
    benefits: z.array(
      z.object({
        code: z.enum(BENEFIT_CODES),
        eligible: z.boolean(),
        months: z.array(z.string()),
        amount: z.number().int(),
        reasons: z.array(reasonSchema),
      }),
    ),
  })
  .meta({ id: 'BenefitEvaluation' });
