import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeParent, parentCookie } from './testing/identity-factories.ts';

let t: TestContext;
const now = new Date('2026-05-11T03:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => now });
});
afterAll(() => t?.close());

async function outbox(householdId: string) {
  const rows = await t.services.db.execute(
    sql`select type, municipality_code from outbox_events where payload->>'householdId' = ${householdId} order by id`,
  );
  return rows.rows;
}

describe('a parent manages their household', () => {
  it('adds a child (child.registered), records a pregnancy (pregnancy.registered) and closes it', async () => {
    const { parent } = await makeParent(t.services, { municipalityCode: '131121' });
    const cookies = await parentCookie(t.app, t.services, parent);
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/children',
      cookies,
      payload: {
        name: '世田谷 陽菜',
        nameKana: 'せたがや ひな',
        birthDate: '2025-12-24',
        sex: 'female',
        relationship: 'mother',
      },
    });
    expect(child.statusCode).toBe(201);
    expect(child.json()).toMatchObject({ municipalityCode: '131121', birthDate: '2025-12-24' });

    const pregnancy = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/pregnancies',
      cookies,
      payload: { expectedDeliveryDate: '2026-10-01' },
    });
    expect(pregnancy.statusCode).toBe(201);
    const closed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/me/household/pregnancies/${pregnancy.json().id}`,
      cookies,
      payload: { status: 'ended' },
    });
    expect(closed.json().status).toBe('ended');
    const reopen = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/me/household/pregnancies/${pregnancy.json().id}`,
      cookies,
      payload: { status: 'expecting' },
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('invalid-transition');

    expect(await outbox(parent.householdId)).toEqual([
      { type: 'child.registered', municipality_code: '131121' },
      { type: 'pregnancy.registered', municipality_code: '131121' },
    ]);
    const household = (await t.app.inject({ url: '/api/v1/me/household', cookies })).json();
    expect(household.relationships).toEqual([
      { parentId: parent.id, childId: child.json().id, relationship: 'mother' },
    ]);
  });

  it('names the bad field and creates nothing for bad input', async () => {
    const { parent } = await makeParent(t.services);
    const cookies = await parentCookie(t.app, t.services, parent);
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/household/children', cookies, payload });
    const badKana = await post({ name: 'a', nameKana: 'Hina', birthDate: '2025-01-01', sex: 'female' });
    expect(badKana.json().errors[0]).toMatchObject({
      field: 'body.nameKana',
      messageJa: expect.stringContaining('ひらがな'),
    });
    const badDate = await post({ name: 'a', nameKana: 'ひな', birthDate: '2025-02-30', sex: 'female' });
    expect(badDate.json().errors[0].field).toBe('body.birthDate');
    const future = await post({ name: 'a', nameKana: 'ひな', birthDate: '2027-01-01', sex: 'female' });
    expect(future.json().code).toBe('date-in-future');
    const due = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/pregnancies',
      cookies,
      payload: { expectedDeliveryDate: '2030-01-01' },
    });
    expect(due.json().code).toBe('implausible-due-date');
    const household = (await t.app.inject({ url: '/api/v1/me/household', cookies })).json();
    expect(household.children).toEqual([]);
    expect(household.pregnancies).toEqual([]);
  });

  it('records a move: history kept, the household follows to the new municipality, residence.changed raised', async () => {
    const { parent } = await makeParent(t.services, { municipalityCode: '131199' });
    const cookies = await parentCookie(t.app, t.services, parent);
    const moved = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/moves',
      cookies,
      payload: { municipalityCode: '131211', movedOn: '2026-05-11' },
    });
    expect(moved.statusCode).toBe(204);
    const household = (await t.app.inject({ url: '/api/v1/me/household', cookies })).json();
    expect(household.municipalityCode).toBe('131211');
    expect(household.residences).toHaveLength(2);
    expect(household.residences).toEqual(
      expect.arrayContaining([
        { municipalityCode: '131199', movedInOn: '2026-05-11', movedOutOn: '2026-05-11' },
        { municipalityCode: '131211', movedInOn: '2026-05-11', movedOutOn: null },
      ]),
    );
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/moves',
      cookies,
      payload: { municipalityCode: '131199', movedOn: '2026-05-01' },
    });
    expect(early.json().code).toBe('move-before-current');
    expect(await outbox(parent.householdId)).toEqual([{ type: 'residence.changed', municipality_code: '131211' }]);
  });

  it('a parent cannot reach another household’s child', async () => {
    const a = await makeParent(t.services);
    const b = await makeParent(t.services);
    const cookiesB = await parentCookie(t.app, t.services, b.parent);
    const child = await t.app.inject({
      method: 'POST',
      url: '/api/v1/me/household/children',
      cookies: await parentCookie(t.app, t.services, a.parent),
      payload: { name: 'x', nameKana: 'えっくす', birthDate: '2024-01-01', sex: 'male' },
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/me/household/children/${child.json().id}`,
      cookies: cookiesB,
      payload: { name: 'y' },
    });
    expect(res.statusCode).toBe(403);
  });
});
