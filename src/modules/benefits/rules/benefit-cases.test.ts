import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRequestSchema, toChildFacts } from '../benefits.schemas.ts';
import { evaluateBenefits } from './evaluate-benefits.ts';
import type { BenefitCode } from './evaluation.ts';

interface RuleCase {
  name: string;
  fiscalYear: number;
  child: unknown;
  expect: Partial<
    Record<
      BenefitCode,
      {
        eligible: boolean;
        amount: number;
        months?: string[];
        instalments?: { no: number; amount: number; paymentMonth: string; applicationDeadline: string }[];
      }
    >
  >;
}

const dir = new URL('./cases/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'invalid-input.json');

/** Every case file under cases/ (the boundary cases of the reference live there as data). */
describe.each(files)('%s', (file) => {
  const cases = JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as RuleCase[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const parsed = evaluateRequestSchema.parse({ fiscalYear: c.fiscalYear, child: c.child });
    const results = evaluateBenefits({ fiscalYear: parsed.fiscalYear, child: toChildFacts(parsed.child) });
    for (const [code, expected] of Object.entries(c.expect)) {
      const actual = results.find((r) => r.code === code)!;
      expect({ code, eligible: actual.eligible, amount: actual.amount }).toEqual({
        code,
        eligible: expected.eligible,
        amount: expected.amount,
      });
      if (expected.months) expect(actual.months).toEqual(expected.months);
      if (expected.instalments) {
        expect(
          actual.instalments?.map(({ no, amount, paymentMonth, applicationDeadline }) => ({
            no,
            amount,
            paymentMonth,
            applicationDeadline,
          })),
        ).toEqual(expected.instalments);
      }
      // The trace always cites dated parameters, so an answer can be checked against its sources.
      for (const reason of actual.reasons) {
        for (const p of reason.parameters) expect(p.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});

describe('invalid-input.json', () => {
  const cases = JSON.parse(readFileSync(new URL('invalid-input.json', dir), 'utf8')) as {
    name: string;
    body: unknown;
    field: string;
  }[];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = evaluateRequestSchema.safeParse(c.body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => ['body', ...i.path].join('.'))).toContain(c.field);
  });
});
