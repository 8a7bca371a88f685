import { z } from 'zod';
import { municipalityCodeSchema } from '../municipalities/index.ts';
import { indexAnswersSchema } from './index-rules/compute-index.ts';

const text = z.object({ ja: z.string(), en: z.string() });

export const fiscalYearSchema = z.coerce.number().int().min(2000).max(2100).meta({ example: 2025 });

export const indexRuleSummarySchema = z
  .object({
    municipality: z.string().meta({ example: '132012' }),
    municipalityName: z.string().meta({ example: '八王子市' }),
    fiscalYear: z.number().int(),
    version: z.number().int(),
    status: z.enum(['sample', 'official']),
    notice: text,
    url: z.string(),
  })
  .meta({ id: 'IndexRuleSummary' });

export const indexSimulationRequestSchema = z
  .object({
    municipality: municipalityCodeSchema,
    fiscalYear: z.number().int().min(2000).max(2100),
    answers: indexAnswersSchema,
  })
  .meta({
    id: 'IndexSimulationRequest',
    example: {
      municipality: '132012',
      fiscalYear: 2025,
      answers: { parents: [{ reason: 'work', hoursPerWeek: 40 }, { reason: 'pregnancy' }], adjustments: [] },
    },
  });

export const indexLineSchema = z.object({
  kind: z.enum(['base', 'absent-parent', 'cap', 'combine', 'adjustment', 'excluded']),
  parent: z.number().int().nullable(),
  rule: z.string(),
  points: z.number(),
  label: text,
  detail: text,
});

export const indexSimulationSchema = z
  .object({
    municipality: z.string(),
    fiscalYear: z.number().int(),
    rulesVersion: z.number().int(),
    status: z.enum(['sample', 'official']),
    notice: text,
    total: z.number(),
    lines: z.array(indexLineSchema),
  })
  .meta({ id: 'IndexSimulation' });
