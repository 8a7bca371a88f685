import { z } from 'zod';

/**
 * Admission index rules (利用調整基準) as data: one document per municipality, fiscal year and version. The JSON
 * Schema generated from this zod schema is published at /api/v1/index-rules/schema.json so that staff tools and
 * other municipalities can validate a rule file without our code.
 */
const text = z.object({ ja: z.string().min(1), en: z.string().min(1) }).strict();
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'kebab-case id');
const points = z.number().finite();

const daysHoursTier = z
  .object({ minDaysPerMonth: z.number().min(0).max(31), minHoursPerDay: z.number().min(0).max(24), points })
  .strict();
const hoursWeekTier = z.object({ minHoursPerWeek: z.number().min(0).max(168), points }).strict();
const hoursMonthTier = z.object({ minHoursPerMonth: z.number().min(0).max(744), points }).strict();

/** A reason a parent cannot care for the child (保育を必要とする事由) and how it is scored. */
export const reasonSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id,
      label: text,
      kind: z.literal('days-hours'),
      /** Checked in order; the first tier the answer reaches applies, so list them best first. */
      tiers: z.array(daysHoursTier).min(1),
    })
    .strict(),
  z.object({ id, label: text, kind: z.literal('hours-week'), tiers: z.array(hoursWeekTier).min(1) }).strict(),
  z.object({ id, label: text, kind: z.literal('hours-month'), tiers: z.array(hoursMonthTier).min(1) }).strict(),
  z.object({ id, label: text, kind: z.literal('fixed'), points }).strict(),
  z
    .object({
      id,
      label: text,
      kind: z.literal('options'),
      options: z.array(z.object({ id, label: text, points }).strict()).min(1),
    })
    .strict(),
]);

export const adjustmentSchema = z
  .object({
    id,
    label: text,
    points,
    /** Adjustments that cannot be combined with this one; the first one listed in the rules wins. */
    excludes: z.array(id).default([]),
  })
  .strict();

export const indexRuleSetSchema = z
  .object({
    $schema: z.string().optional(),
    municipality: z.string().regex(/^\d{6}$/),
    fiscalYear: z.number().int().min(2000).max(2100),
    version: z.number().int().min(1),
    /** `sample`: transcribed from public documents and not confirmed by the municipality. */
    status: z.enum(['sample', 'official']),
    notice: text,
    sources: z
      .array(z.object({ title: z.string().min(1), url: z.url().optional(), note: z.string().optional() }).strict())
      .min(1),
    reasons: z.array(reasonSchema).min(1),
    combine: z
      .object({
        /** `sum`: father's + mother's base index; `lower-parent`: the lower of the two. */
        method: z.enum(['sum', 'lower-parent']),
        perParentCap: points.nullable(),
        /** Base index counted for a parent who is not in the household (death, divorce …); null: not published. */
        absentParentPoints: points.nullable(),
      })
      .strict(),
    adjustments: z.array(adjustmentSchema),
    /**
     * Applied in order to households with the same index; the allocation turns each into a priority key after the
     * index, and a lottery drawn at submission always comes last. `lower-income`: the household's 住民税所得割
     * (lower first), asked on the application form. `staff-rank`: a published table the screener applies (e.g.
     * 八王子市 別表-3); the form asks nothing.
     */
    tieBreaks: z.array(z.object({ id, label: text, kind: z.enum(['lower-income', 'staff-rank']) }).strict()),
  })
  .strict()
  .superRefine((rules, ctx) => {
    const seen = new Set<string>();
    rules.reasons.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['reasons', i, 'id'], message: 'duplicate reason id' });
      seen.add(r.id);
    });
    const adjustmentIds = new Set(rules.adjustments.map((a) => a.id));
    rules.adjustments.forEach((a, i) => {
      a.excludes.forEach((x, j) => {
        if (!adjustmentIds.has(x))
          ctx.addIssue({
            code: 'custom',
            path: ['adjustments', i, 'excludes', j],
            message: `unknown adjustment '${x}'`,
          });
      });
    });
  });

export type IndexRuleSet = z.infer<typeof indexRuleSetSchema>;
export type IndexReason = z.infer<typeof reasonSchema>;

/** The published JSON Schema (draft 2020-12) of a rule file. */
export function indexRuleJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(indexRuleSetSchema, { io: 'input' }),
    $id: '/api/v1/index-rules/schema.json',
    title: 'Tsunagu admission index rules (利用調整基準)',
  };
}
