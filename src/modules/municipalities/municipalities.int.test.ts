import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('GET /api/v1/municipalities', () => {
  it('lists Tokyo and its 62 municipalities', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities' });
    expect(res.statusCode).toBe(200);
    const { items } = res.json();
    expect(items).toHaveLength(63);
    expect(items[0]).toEqual({ code: '130001', name: '東京都', nameEn: 'Tokyo Metropolis', kind: 'prefecture' });
    expect(items.filter((m: { kind: string }) => m.kind === 'ward')).toHaveLength(23);
  });

  it('filters by kind and rejects an unknown kind', async () => {
    const villages = await t.app.inject({ url: '/api/v1/municipalities?kind=village' });
    expect(villages.json().items.map((m: { name: string }) => m.name)).toContain('利島村');
    const bad = await t.app.inject({ url: '/api/v1/municipalities?kind=planet' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.kind');
  });

  it('returns one municipality by code, 404 for a valid code outside Tokyo, 400 for a malformed one', async () => {
    const itabashi = await t.app.inject({ url: '/api/v1/municipalities/131199' });
    expect(itabashi.json()).toEqual({ code: '131199', name: '板橋区', nameEn: 'Itabashi City', kind: 'ward' });

    const osaka = await t.app.inject({ url: '/api/v1/municipalities/271004' }); // 大阪市: valid check digit
    expect(osaka.statusCode).toBe(404);
    expect(osaka.headers['content-type']).toMatch(/problem\+json/);

    for (const bad of ['13119', '1311999', 'abcdef', '131198']) {
      const res = await t.app.inject({ url: `/api/v1/municipalities/${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().errors[0].field).toBe('params.code');
    }
  });

  it('keeps the reference table in step with the catalog', async () => {
    const result = await t.services.db.execute(sql`select count(*)::int as n from municipalities`);
    expect(result.rows[0]).toEqual({ n: 63 });
  });
});
