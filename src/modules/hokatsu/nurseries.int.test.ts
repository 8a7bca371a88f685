import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import Encoding from 'encoding-japanese';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import {
  importMinimumIndexTable,
  importOpenDataNurseries,
  importVacancyList,
} from './use-cases/import-nursery-data.ts';
import { seedDemoNurseries } from './use-cases/seed-demo-nurseries.ts';

// Fixtures from the shared data folder whose licence is unclear: used here as test input only, never shipped.
const DATA = '/work/shared/data/nurseries';
const HACHIOJI = '132012';
const scope = { municipalityCode: HACHIOJI };
const hasData = (() => {
  try {
    readFileSync(`${DATA}/hachioji-nursery-papamama/132012_kosodateshisetsu_ichiran_2019.csv`);
    return true;
  } catch {
    return false;
  }
})();

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function count(table: string) {
  const r = await t.services.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`));
  return r.rows[0]!.n;
}

describe.runIf(hasData)('nursery imports', () => {
  it('imports the municipal standard list (UTF-8), idempotently', async () => {
    const bytes = readFileSync(`${DATA}/hachioji-nursery-papamama/132012_kosodateshisetsu_ichiran_2019.csv`);
    const first = await importOpenDataNurseries(t.services.db, scope, { bytes, attribution: 'test fixture' });
    expect(first.nurseries).toBe(172);
    await importOpenDataNurseries(t.services.db, scope, { bytes, attribution: 'test fixture' });
    expect(await count('hokatsu_nurseries')).toBe(172);
    const res = await t.app.inject({ url: `/api/v1/nurseries?municipality=${HACHIOJI}&limit=100` });
    const koyasu = res.json().items.find((n: { name: string }) => n.name === '八王子市立子安保育園');
    expect(koyasu).toMatchObject({ opensAt: '07:30', closesAt: '18:30', minAgeClass: 1, category: 'licensed' });
  });

  it('imports a vacancy list matched by name, and a minimum-index table', async () => {
    const raw = JSON.parse(readFileSync(`${DATA}/tokyo-nursery-vacancy-hoikaten/hachioji.json`, 'utf8'));
    const report = await importVacancyList(t.services.db, scope, {
      raw,
      attribution: 'test fixture',
      month: '2026-09-01',
    });
    expect(report.vacancies).toBeGreaterThan(100);
    const csv =
      '保育園名,0歳,1歳,2歳,3歳,4歳,5歳\n八王子市立子安保育園,―,41,38以下,空有,-,\n存在しない園,1,1,1,1,1,1\n';
    const min = await importMinimumIndexTable(t.services.db, scope, {
      bytes: new TextEncoder().encode(csv),
      roundMonth: '2025-04-01',
      roundNo: 1,
      source: 'test',
    });
    expect(min).toMatchObject({ minimumIndices: 3, unmatched: ['存在しない園'] });
  });

  it('reads Shift_JIS files', async () => {
    const text =
      '都道府県コード又は市区町村コード,NO,名称,種別,開始時間,終了時間,受入年齢,一時預かりの有無\n132012,9001,テスト小規模保育室,小規模保育事業,7:00,19:00,0歳〜2歳,無\n';
    const sjis = Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
    const report = await importOpenDataNurseries(t.services.db, scope, { bytes: sjis, attribution: 'test' });
    expect(report.nurseries).toBe(1);
    const res = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&type=small-scale&opensBy=07:00&closesAfter=19:00`,
    });
    expect(res.json().items.map((n: { name: string }) => n.name)).toContain('テスト小規模保育室');
  });

  it('searches by age class, vacancies and distance, and shows a detail with the minimum index', async () => {
    const withPlaces = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&ageClass=1&month=2026-09&vacancies=true`,
    });
    expect(withPlaces.statusCode).toBe(200);
    const body = withPlaces.json();
    expect(body.month).toBe('2026-09-01');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((n: { vacancies: number }) => n.vacancies > 0)).toBe(true);

    const near = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&lat=35.652889&lng=139.335726&radiusKm=1`,
    });
    const items = near.json().items as { name: string; distanceKm: number }[];
    expect(items[0]?.name).toBe('八王子市立子安保育園');
    expect(items.every((n, i) => n.distanceKm <= 1 && (i === 0 || items[i - 1]!.distanceKm <= n.distanceKm))).toBe(
      true,
    );

    const detail = await t.app.inject({ url: `/api/v1/nurseries/${items[0]!.name ? near.json().items[0].id : ''}` });
    expect(detail.json().minimumIndices).toEqual([
      { ageClass: 1, minimumIndex: 41, label: null, roundMonth: '2025-04-01', roundNo: 1 },
      { ageClass: 2, minimumIndex: null, label: '38以下', roundMonth: '2025-04-01', roundNo: 1 },
      { ageClass: 3, minimumIndex: null, label: '空有', roundMonth: '2025-04-01', roundNo: 1 },
    ]);

    const page = await t.app.inject({ url: `/hokatsu/nurseries/${near.json().items[0].id}?age=1` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/hokatsu/simulate?rules=132012/2025&amp;compare=${near.json().items[0].id}:1`);
  });

  it('works out the age class from a birth date and the target month', async () => {
    const byBirth = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&birthDate=2025-04-01&month=2026-09&vacancies=true`,
    });
    const byClass = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&ageClass=1&month=2026-09&vacancies=true`,
    });
    expect(byBirth.json()).toEqual(byClass.json());
    const unborn = await t.app.inject({
      url: `/api/v1/nurseries?municipality=${HACHIOJI}&birthDate=2027-01-01&month=2026-09`,
    });
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json().errors[0].field).toBe('query.birthDate');
    const page = await t.app.inject({
      url: `/hokatsu/nurseries?municipality=${HACHIOJI}&birthDate=2027-01-01&month=2026-09`,
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('保育園の対象年齢');
  });

  it('names the bad field of a search', async () => {
    const bad = await t.app.inject({ url: `/api/v1/nurseries?municipality=${HACHIOJI}&ageClass=9&opensBy=7am` });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['query.ageClass', 'query.opensBy']));
    expect((await t.app.inject({ url: '/api/v1/nurseries/not-a-uuid' })).statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/v1/nurseries/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(
      404,
    );
    const page = await t.app.inject({ url: `/hokatsu/nurseries?municipality=${HACHIOJI}&opensBy=7am` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('role="alert"');
  });
});

describe('demo data', () => {
  it('seeds idempotently, with attribution on every row', async () => {
    await seedDemoNurseries(t.services);
    const before = [await count('hokatsu_nurseries'), await count('hokatsu_nursery_vacancies')];
    await seedDemoNurseries(t.services);
    expect([await count('hokatsu_nurseries'), await count('hokatsu_nursery_vacancies')]).toEqual(before);
    const meguro = await t.app.inject({ url: '/api/v1/nurseries?municipality=131105&ageClass=3&vacancies=true' });
    expect(meguro.json().items.length).toBeGreaterThan(0);
    expect(meguro.json().items[0].attribution).toContain('CC BY 4.0');
    const page = await t.app.inject({ url: '/hokatsu/nurseries?municipality=131105&ageClass=3&vacancies=true' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('CC BY 4.0');
  });
});
