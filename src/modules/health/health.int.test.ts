import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-11-20T16:30:00Z') }); // 2026-11-21 01:30 in Tokyo
});
afterAll(() => t?.close());

describe('POST /api/v1/health/child-schedules/evaluate', () => {
  it('returns the vaccinations and check-ups of a 3-month-old, evaluated on today in Tokyo', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health/child-schedules/evaluate',
      payload: {
        birthDate: '2026-08-21',
        vaccinations: [{ vaccine: 'hepb', dose: 1, date: '2026-10-21' }],
        checkupsDone: ['1m'],
      },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.asOf).toBe('2026-11-21');
    expect(body.schedule.verification).toMatch(/実施要領/);
    const hepb2 = body.vaccinations.find(
      (v: { vaccine: string; dose: number }) => v.vaccine === 'hepb' && v.dose === 2,
    );
    expect(hepb2).toMatchObject({ status: 'due', earliest: '2026-11-17', vaccineName: { ja: 'B型肝炎' } });
    expect(body.checkups.find((c: { code: string }) => c.code === '3-6m').status).toBe('due');
  });

  it('names each bad field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health/child-schedules/evaluate',
      payload: { birthDate: '2026-02-30', vaccinations: [{ vaccine: 'HEPB', dose: 0, date: 'yesterday' }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual([
      'body.birthDate',
      'body.vaccinations.0.date',
      'body.vaccinations.0.dose',
      'body.vaccinations.0.vaccine',
    ]);
    const order = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health/child-schedules/evaluate',
      payload: { birthDate: '2026-08-21', asOf: '2026-08-01' },
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().errors[0]).toMatchObject({
      field: 'body.asOf',
      messageJa: '評価日は生年月日以降の日付を指定してください',
    });
  });
});

describe('POST /api/v1/health/prenatal-schedules/evaluate', () => {
  it('plans the 妊婦健診 visits', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/health/prenatal-schedules/evaluate',
      payload: { expectedDeliveryDate: '2027-05-01' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ asOf: '2026-11-21', gestationalWeek: 17 });
    expect(res.json().visits).toHaveLength(14);
  });
});
