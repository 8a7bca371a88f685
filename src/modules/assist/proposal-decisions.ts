import { z } from 'zod';
import { AppError, fieldError } from '../../platform/http/app-error.ts';
import { type ProgramChanges, type ProgramData, programChangesSchema } from '../registry/index.ts';
import { APPLICABLE_FIELDS, type ApplicableField, type ProposedFields } from './extraction/extractor.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .nullable();
const months = z.number().int().min(0).max(240).nullable();

/** What staff may type in place of a proposed value, per field. */
export const editedValueSchemas = {
  name: z.string().trim().min(1).max(200),
  summary: z.string().max(4000).nullable(),
  targetText: z.string().max(4000).nullable(),
  ageMonths: z.object({ min: months, max: months }),
  prenatal: z.boolean(),
  procedurePeriod: z.object({ from: isoDate, to: isoDate }),
  implementationPeriod: z.object({ from: isoDate, to: isoDate }),
  url: z.string().url().nullable(),
} satisfies Record<ApplicableField, z.ZodType>;

export const fieldDecisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('reject') }),
  z.object({ action: z.literal('edit'), value: z.unknown() }),
]);
export type FieldDecision = z.infer<typeof fieldDecisionSchema> & { value?: unknown };

export const decisionsSchema = z
  .object(Object.fromEntries(APPLICABLE_FIELDS.map((f) => [f, fieldDecisionSchema.optional()])))
  .strict() as z.ZodType<Partial<Record<ApplicableField, FieldDecision>>>;

const invalid = (field: string, why: string) =>
  new AppError(
    'assist-decision-invalid',
    400,
    { en: `The value for ${field} is not valid: ${why}`, ja: `${field} の値が正しくありません: ${why}` },
    [fieldError(`body.decisions.${field}.value`, { en: why, ja: `値が正しくありません（${why}）` })],
  );

/**
 * Turns staff decisions into the registry's own change set. Accepting takes the proposed value, editing takes the
 * typed one (checked), rejecting leaves the field as it is. Periods keep their free text and times: a proposal only
 * carries dates. The result is validated with the registry's `programChangesSchema`.
 */
export function changesFromDecisions(
  current: ProgramData,
  fields: ProposedFields,
  decisions: Partial<Record<ApplicableField, FieldDecision>>,
): Partial<ProgramChanges> {
  const values: Partial<Record<ApplicableField, unknown>> = {};
  for (const field of APPLICABLE_FIELDS) {
    const decision = decisions[field];
    if (!decision || decision.action === 'reject') continue;
    if (decision.action === 'accept') {
      const proposed = fields[field];
      if (!proposed) throw invalid(field, 'nothing was proposed for this field');
      values[field] = proposed.value;
    } else {
      const parsed = editedValueSchemas[field].safeParse(decision.value);
      if (!parsed.success) throw invalid(field, parsed.error.issues[0]?.message ?? 'invalid');
      values[field] = parsed.data;
    }
  }
  const changes: Record<string, unknown> = { ...values };
  for (const key of ['procedurePeriod', 'implementationPeriod'] as const) {
    const dates = values[key] as { from: string | null; to: string | null } | undefined;
    if (dates) changes[key] = { ...current[key], from: dates.from, to: dates.to };
  }
  if (values.ageMonths) {
    const { min, max } = values.ageMonths as { min: number | null; max: number | null };
    changes.ageMonths = { min, max };
  }
  const checked = programChangesSchema.partial().safeParse(changes);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw invalid(String(issue.path[0] ?? 'value'), issue.message);
  }
  const window = checked.data.ageMonths;
  if (window && window.min != null && window.max != null && window.min >= window.max) {
    throw invalid('ageMonths', 'min must be below max');
  }
  return checked.data;
}
