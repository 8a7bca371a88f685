import { z } from 'zod';
import { APPLICATION_STATUSES } from './applications/application.tables.ts';

const line = z.object({
  kind: z.string(),
  parent: z.number().nullable(),
  rule: z.string(),
  points: z.number(),
  label: z.object({ ja: z.string(), en: z.string() }),
  detail: z.object({ ja: z.string(), en: z.string() }),
});

export const applicationSummarySchema = z.object({
  id: z.string(),
  childName: z.string(),
  roundMonth: z.string(),
  status: z.enum(APPLICATION_STATUSES),
});

export const queueItemSchema = applicationSummarySchema.extend({
  municipalityCode: z.string(),
  ageClass: z.number(),
  finalIndex: z.number(),
});

export const applicationDetailSchema = z
  .object({
    id: z.string(),
    municipalityCode: z.string(),
    childName: z.string(),
    childBirthDate: z.string(),
    roundMonth: z.string(),
    ageClass: z.number(),
    fiscalYear: z.number(),
    status: z.enum(APPLICATION_STATUSES),
    computedIndex: z.number(),
    finalIndex: z.number(),
    indexLines: z.array(line),
    answers: z.unknown(),
    siblingsTogether: z.boolean(),
    tieBreakFacts: z.record(z.string(), z.number().nullable()),
    currentNurseryId: z.string().nullable(),
    fixRequest: z.string().nullable(),
    choices: z.array(z.object({ rank: z.number(), nurseryId: z.string(), name: z.string() })),
    adjustments: z.array(z.object({ id: z.string(), points: z.number(), reason: z.string(), createdAt: z.date() })),
    documents: z.array(
      z.object({
        id: z.string(),
        filename: z.string(),
        contentType: z.string(),
        sizeBytes: z.number(),
        createdAt: z.date(),
      }),
    ),
    offeredNurseryId: z.string().nullable(),
    offeredNurseryName: z.string().nullable(),
    waitlistRank: z.number().nullable(),
    explanation: z.unknown(),
    engine: z.object({ total: z.number(), lines: z.array(line), rules: z.string() }).optional(),
  })
  .meta({ id: 'NurseryApplication' });

export const allocationRunSchema = z.object({
  id: z.string(),
  assignments: z.record(z.string(), z.string().nullable()),
  blockingPairs: z.number(),
  minimumIndex: z.record(z.string(), z.record(z.string(), z.number().nullable())),
  waitlist: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  explanations: z.record(z.string(), z.unknown()),
  stats: z.object({ applicants: z.number(), assigned: z.number(), proposals: z.number(), converged: z.boolean() }),
});
