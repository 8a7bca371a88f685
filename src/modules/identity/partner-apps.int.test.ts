import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from './testing/identity-factories.ts';

let t: TestContext;
let clock = new Date('2026-06-01T00:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const whoami = (key: string) =>
  t.app.inject({ url: '/api/v1/partner/whoami', headers: { authorization: `Bearer ${key}` } });

describe('partner apps and API keys', () => {
  it('registers an app, authenticates its key, rotates it with a grace period, revokes', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '130001', roles: ['platform-admin'] });
    const cookies = await staffCookie(t.app, t.services, admin, clock);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner-apps',
      cookies,
      payload: { name: '子育てアプリ', scopes: ['registry:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { appId, apiKey: first } = created.json();
    expect(first).toMatch(/^tsk_/);
    expect((await whoami(first)).json()).toEqual({ appId, scopes: ['registry:read'] });

    // Only a hash is stored.
    const stored = await t.services.db.execute(sql`select key_hash from partner_api_keys where app_id = ${appId}`);
    // The secret is the last 43 characters (base64url may itself contain `_`, so the key is not split on it).
    expect(JSON.stringify(stored.rows)).not.toContain(first.slice(-43));

    const rotated = await t.app.inject({
      method: 'POST',
      url: `/api/v1/partner-apps/${appId}/keys`,
      cookies,
      payload: {},
    });
    const second = rotated.json().apiKey;
    expect((await whoami(first)).statusCode).toBe(200);
    expect((await whoami(second)).statusCode).toBe(200);
    clock = new Date(clock.getTime() + 25 * 60 * 60_000);
    expect((await whoami(first)).json().code).toBe('invalid-api-key');
    expect((await whoami(second)).statusCode).toBe(200);

    const cookies2 = await staffCookie(t.app, t.services, admin, clock);
    const third = (
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/partner-apps/${appId}/keys`,
        cookies: cookies2,
        payload: { revokeOld: true },
      })
    ).json().apiKey;
    expect((await whoami(second)).statusCode).toBe(401);
    expect((await whoami(third)).statusCode).toBe(200);
  });

  it('refuses unknown, malformed and tampered keys with 401, audited', async () => {
    const bogus = `tsk_AAAAAAAAAAAA_${'A'.repeat(43)}`;
    const res = await whoami(bogus);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toContain('invalid_token');
    expect((await whoami('tsk_short')).statusCode).toBe(401);
    const audits = await t.services.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'api-key.use' and outcome = 'denied'`,
    );
    expect((audits.rows[0] as { n: number }).n).toBeGreaterThanOrEqual(2);
  });

  it('only a platform admin registers apps', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '131199', roles: ['municipality-admin'] });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner-apps',
      cookies: await staffCookie(t.app, t.services, admin, clock),
      payload: { name: 'x', scopes: [] },
    });
    expect(res.statusCode).toBe(403);
  });
});
