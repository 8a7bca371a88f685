import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, parentCookie } from '../identity/index.ts';
import { rawRecord } from './registry.factories.ts';
import { importRegistry } from './use-cases/import-registry.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T03:00:00Z') });
  await importRegistry(t.services, {
    records: [
      rawRecord({
        psid: 'p+131199+1',
        areaCode: '131199',
        name: '板橋区の乳児健診',
        months: [6, 9],
        procedureTo: '2026-09-30',
      }),
      rawRecord({ psid: 'p+130001+1', areaCode: '130001', name: '都の子育て応援', months: [0, 35] }),
      rawRecord({ psid: 'p+130001+2', areaCode: '130001', name: '都の年齢不明制度' }),
      rawRecord({ psid: 'p+131016+1', areaCode: '131016', name: '千代田区の制度', months: [0, 35] }),
      rawRecord({
        psid: 'p+131199+2',
        areaCode: '131199',
        name: '板橋区の妊婦健診',
        targetPersons: '妊婦',
        targetCodes: ['086'],
      }),
    ],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
});
afterAll(() => t?.close());

describe('制度をさがす (/programs)', () => {
  it('shows the form without results at first', async () => {
    const res = await t.app.inject({ url: '/programs' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('制度をさがす');
    expect(res.body).not.toContain('data-psid');
  });

  it('lists 板橋区 and Tokyo-wide programs for an 8-month-old, each with why it matches and its deadline', async () => {
    const res = await t.app.inject({ url: '/programs?municipality=131199&years=0&months=8' });
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('data-psid="p+131199+1"');
    expect(body).toContain('data-psid="p+130001+1"');
    expect(body).toContain('data-psid="p+130001+2"'); // unknown age: shown, and says so
    expect(body).not.toContain('千代田区の制度');
    expect(body).not.toContain('板橋区の妊婦健診');
    expect(body).toContain('板橋区の制度です');
    expect(body).toContain('対象年齢（6か月〜9か月）に 8か月 が含まれます');
    expect(body).toContain('東京都の制度です');
    expect(body).toContain('対象年齢が書かれていないため');
    expect(body).toContain('申請期限: 2026年9月30日');
    expect(body).toContain('CC BY 4.0');
  });

  it('speaks English and finds pregnancy programs', async () => {
    const res = await t.app.inject({
      url: '/programs?municipality=131199&prenatal=true',
      headers: { 'accept-language': 'en' },
    });
    expect(res.body).toContain('Find support programs');
    expect(res.body).toContain('data-psid="p+131199+2"');
    expect(res.body).toContain('For pregnant women');
  });

  it('asks again on bad input instead of failing', async () => {
    const res = await t.app.inject({ url: '/programs?municipality=999999&years=0&months=8' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('区市町村を選んでください');
    const bad = await t.app.inject({ url: '/programs?municipality=131199&years=-3' });
    expect(bad.statusCode).toBe(400);
  });

  it('offers a signed-in parent a search for each child at today’s age, from the household', async () => {
    expect((await t.app.inject({ url: '/programs' })).body).not.toContain('household-shortcuts');
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: '131199', childName: '板橋 はな' });
    const cookies = await parentCookie(t.app, t.services, parent);
    const page = await t.app.inject({ url: '/programs', cookies });
    expect(page.statusCode).toBe(200);
    // Born 2023-04-10; on 2026-06-01 the child is 3 years 1 month (the legal age rule).
    expect(page.body).toContain('板橋 はなさん（3歳1か月）の制度');
    expect(page.body).toContain('href="/programs?municipality=131199&amp;years=3&amp;months=1"');
  });
});
