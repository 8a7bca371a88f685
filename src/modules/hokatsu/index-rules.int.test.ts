import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('index rules API', () => {
  it('publishes the JSON Schema and the rule sets, which validate against it', async () => {
    const schema = await t.app.inject({ url: '/api/v1/index-rules/schema.json' });
    expect(schema.statusCode).toBe(200);
    expect(schema.headers['content-type']).toContain('application/schema+json');
    expect(schema.json().properties.combine.properties.method.enum).toEqual(['sum', 'lower-parent']);

    const list = await t.app.inject({ url: '/api/v1/index-rules' });
    const items = list.json().items as { municipality: string; url: string; status: string }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((i) => i.status === 'sample')).toBe(true);
    const one = await t.app.inject({ url: items[0]!.url });
    expect(one.statusCode).toBe(200);
    expect(one.json().$schema).toBe('/api/v1/index-rules/schema.json');

    expect((await t.app.inject({ url: '/api/v1/index-rules/131199/2025' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/index-rules/131198/2025' })).json().errors[0].field).toBe(
      'params.municipality',
    );
  });

  it('POST /api/v1/index-simulations returns the total and the lines', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/index-simulations',
      payload: {
        municipality: '131237',
        fiscalYear: 2025,
        answers: {
          parents: [{ reason: 'work', daysPerMonth: 20, hoursPerDay: 7 }, { reason: 'absent' }],
          adjustments: ['single-parent-no-grandparents'],
        },
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(110);
    expect(body.lines).toHaveLength(3);
    expect(body.lines[0]).toMatchObject({ kind: 'base', parent: 1, rule: 'work', points: 50 });
    expect(body.status).toBe('sample');
  });

  it('answers bad input with problem+json naming the field', async () => {
    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/v1/index-simulations', payload: payload as object });
    const missingHours = await post({
      municipality: '132012',
      fiscalYear: 2025,
      answers: { parents: [{ reason: 'work' }] },
    });
    expect(missingHours.statusCode).toBe(400);
    expect(missingHours.headers['content-type']).toContain('application/problem+json');
    expect(missingHours.json().errors[0].field).toBe('body.answers.parents[0].hoursPerWeek');

    const wrongType = await post({
      municipality: '132012',
      fiscalYear: 2025,
      answers: { parents: [{ reason: 'work', hoursPerWeek: 'many' }] },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toContain('hoursPerWeek');

    const badCode = await post({
      municipality: '999999',
      fiscalYear: 2025,
      answers: { parents: [{ reason: 'work' }] },
    });
    expect(badCode.statusCode).toBe(400);
    expect(badCode.json().errors[0].field).toBe('body.municipality');

    const noRules = await post({
      municipality: '131199',
      fiscalYear: 2025,
      answers: { parents: [{ reason: 'work' }] },
    });
    expect(noRules.statusCode).toBe(404);
  });
});

describe('OpenAPI', () => {
  it('documents the hokatsu routes', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/index-simulations',
        '/api/v1/index-rules/schema.json',
        '/api/v1/nurseries',
        '/api/v1/nurseries/{id}',
        '/api/v1/nurseries/{id}/visit-slots',
      ]),
    );
    expect(paths.some((p) => p.startsWith('/hokatsu/'))).toBe(false);
  });
});
