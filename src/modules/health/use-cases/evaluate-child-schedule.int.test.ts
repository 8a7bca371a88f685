import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-20T16:30:00Z') }); // 2026-11-21 in Tokyo
});
afterAll(() => t?.close());

const evaluate = (payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/health/child-schedules/evaluate', payload });
const hpvStatuses = (body: { vaccinations: { vaccine: string; status: string }[] }) =>
  body.vaccinations.filter((v) => v.vaccine === 'hpv').map((v) => v.status);

describe('POST /api/v1/health/child-schedules/evaluate with the child’s sex (HPV)', () => {
  it('a girl of 13 gets the HPV series; without a sex it is not determinable', async () => {
    const girl = await evaluate({ birthDate: '2013-07-20', sex: 'female' });
    expect(girl.statusCode).toBe(200);
    expect(hpvStatuses(girl.json())).toEqual(['due', 'not-yet-eligible', 'not-needed']);
    const unknown = await evaluate({ birthDate: '2013-07-20' });
    expect(unknown.statusCode).toBe(200);
    expect(hpvStatuses(unknown.json())).toEqual(['not-determinable', 'not-determinable', 'not-determinable']);
    const boy = await evaluate({ birthDate: '2013-07-20', sex: 'male' });
    expect(hpvStatuses(boy.json())).toEqual(['not-applicable', 'not-applicable', 'not-applicable']);
  });

  it('names a sex that is not one of identity’s values', async () => {
    const res = await evaluate({ birthDate: '2013-07-20', sex: 'girl' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.sex']);
  });
});
