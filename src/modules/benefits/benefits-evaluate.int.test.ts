import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('POST /api/v1/benefits/evaluate', () => {
  it('answers the issue example with months, amount and a dated reason trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/benefits/evaluate',
      payload: {
        fiscalYear: 2025,
        child: { birthDate: '2025-04-01', residence: [{ municipalityCode: '131199', from: '2025-04-01', to: null }] },
      },
    });
    expect(res.statusCode).toBe(200);
    const { benefits } = res.json();
    expect(benefits.map((b: { code: string }) => b.code)).toEqual(['018support', 'akachan-first', 'jidou-teate']);
    const [support, akachan] = benefits;
    expect(Object.keys(support).sort()).toEqual(['amount', 'code', 'eligible', 'months', 'reasons']);
    expect(support).toMatchObject({ eligible: true, amount: 60000 });
    expect(support.months[0]).toBe('2025-04');
    expect(support.months).toHaveLength(12);
    const amountReason = support.reasons.find((r: { condition: string }) => r.condition === 'monthly-amount');
    expect(amountReason.parameters[0]).toMatchObject({
      name: 'support018.monthlyAmount',
      value: 5000,
      effectiveFrom: '2023-04-01',
      status: 'verified',
    });
    const schedule = support.reasons.find((r: { condition: string }) => r.condition === 'instalment-schedule');
    expect(schedule.parameters[0]).toMatchObject({ effectiveFrom: '2025-04-01', status: 'verify' });
    expect(akachan).toMatchObject({ eligible: true, amount: 100000, months: [] });
  });

  it('is documented in the OpenAPI with its request and response schemas', async () => {
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    const op = doc.paths['/api/v1/benefits/evaluate'].post;
    expect(op.tags).toEqual(['benefits']);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(doc.components.schemas.BenefitEvaluationRequest).toBeDefined();
  });

  const invalid = JSON.parse(readFileSync(new URL('./rules/cases/invalid-input.json', import.meta.url), 'utf8')) as {
    name: string;
    body: object;
    field: string;
  }[];
  it.each(invalid.map((c) => [c.name, c] as const))('problem+json naming the field: %s', async (_name, c) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/benefits/evaluate', payload: c.body });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const problem = res.json();
    expect(problem.errors.map((e: { field: string }) => e.field)).toContain(c.field);
    for (const e of problem.errors) expect(e.messageJa).toBeTruthy();
  });
});
