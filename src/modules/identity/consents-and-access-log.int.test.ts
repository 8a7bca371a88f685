import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeHouseholdWithChild, makeStaff, parentCookie, staffCookie } from './testing/identity-factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('consents', () => {
  it('gives, lists and withdraws consents, idempotently, and refuses unknown targets', async () => {
    const { parent } = await makeHouseholdWithChild(t.services);
    const cookies = await parentCookie(t.app, t.services, parent);
    const give = (kind: string, target: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/me/consents', cookies, payload: { kind, target } });

    const line = await give('channel', 'line');
    expect(line.statusCode).toBe(201);
    expect((await give('channel', 'line')).json().id).toBe(line.json().id);
    expect((await give('clinic-sharing', 'clinics')).statusCode).toBe(201);
    const unknown = await give('channel', 'fax');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe('unknown-consent-target');

    const withdrawn = await t.app.inject({ method: 'DELETE', url: `/api/v1/me/consents/${line.json().id}`, cookies });
    expect(withdrawn.json().revokedAt).not.toBeNull();
    const list = (await t.app.inject({ url: '/api/v1/me/consents', cookies })).json().items;
    expect(list.map((c: { target: string; revokedAt: string | null }) => [c.target, c.revokedAt === null])).toEqual([
      ['clinics', true],
      ['line', false],
    ]);
  });

  it('staff have no business with a parent’s consents', async () => {
    const staff = await makeStaff(t.services, { municipalityCode: '131199', roles: ['municipality-admin'] });
    const cookies = await staffCookie(t.app, t.services, staff);
    expect((await t.app.inject({ url: '/api/v1/me/consents', cookies })).statusCode).toBe(403);
  });
});

describe('このデータを見た人 (access log)', () => {
  it('shows staff reads of the household, with the staff member’s municipality, and refused attempts', async () => {
    const { parent } = await makeHouseholdWithChild(t.services, { municipalityCode: '131199' });
    const itabashiStaff = await makeStaff(t.services, { municipalityCode: '131199', roles: ['benefits-reviewer'] });
    const adachiStaff = await makeStaff(t.services, { municipalityCode: '131211', roles: ['nursery-screener'] });
    const read = await t.app.inject({
      url: `/api/v1/staff/households/${parent.householdId}?purpose=${encodeURIComponent('給付金の審査')}`,
      cookies: await staffCookie(t.app, t.services, itabashiStaff),
    });
    expect(read.statusCode).toBe(200);
    const refused = await t.app.inject({
      url: `/api/v1/staff/households/${parent.householdId}`,
      cookies: await staffCookie(t.app, t.services, adachiStaff),
    });
    expect(refused.statusCode).toBe(403);

    const log = await t.app.inject({
      url: '/api/v1/me/access-log',
      cookies: await parentCookie(t.app, t.services, parent),
    });
    const items = log.json().items as {
      actorType: string;
      municipalityCode: string;
      purpose: string;
      outcome: string;
    }[];
    expect(items.slice(0, 2)).toEqual([
      expect.objectContaining({ actorType: 'staff', municipalityCode: '131211', outcome: 'denied' }),
      expect.objectContaining({
        actorType: 'staff',
        municipalityCode: '131199',
        purpose: '給付金の審査',
        outcome: 'success',
      }),
    ]);
    expect(items.some((i) => i.actorType === 'parent')).toBe(true);
  });
});
