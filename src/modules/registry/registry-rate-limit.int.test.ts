import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeStaff, staffCookie } from '../identity/index.ts';

let t: TestContext;
beforeAll(async () => {
  // Anonymous callers of the registry get a fifth of this (2 a minute); a partner key with registry:read all 10.
  t = await createTestApp({ config: { rateLimitPerMinute: 10 } });
});
afterAll(() => t?.close());

const programs = (headers: Record<string, string> = {}) => t.app.inject({ url: '/api/v1/programs?limit=1', headers });

describe('registry API rate limit', () => {
  it('gives a partner app’s API key a higher limit than anonymous callers, counted per app', async () => {
    const anonymous: number[] = [];
    for (let i = 0; i < 3; i++) anonymous.push((await programs()).statusCode);
    expect(anonymous).toEqual([200, 200, 429]);
    const limited = await programs();
    expect(limited.headers['content-type']).toMatch(/problem\+json/);

    const admin = await makeStaff(t.services, { municipalityCode: '130001', roles: ['platform-admin'] });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/partner-apps',
      cookies: await staffCookie(t.app, t.services, admin),
      payload: { name: '子育てアプリ', scopes: ['registry:read'] },
    });
    expect(created.statusCode).toBe(201);
    const authorization = `Bearer ${created.json().apiKey}`;
    const partner: number[] = [];
    // Same IP as the throttled anonymous calls: the key has its own budget.
    for (let i = 0; i < 11; i++) partner.push((await programs({ authorization })).statusCode);
    expect(partner.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(partner[10]).toBe(429);
  });
});
