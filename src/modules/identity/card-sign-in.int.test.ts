import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../app.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { SESSION_COOKIE } from './sessions/auth-hook.ts';
import { CookieJarClient, formField } from './testing/cookie-jar-client.ts';

let t: TestContext;
let clock = new Date();

beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

/** Runs the browser side of a card sign-in up to the callback URL (not yet opened). */
async function untilCallback(browser: CookieJarClient, resident: string) {
  return untilCallbackFrom(browser, await browser.request({ url: '/sign-in/card?next=/household' }), resident);
}

async function untilCallbackFrom(browser: CookieJarClient, start: LightMyRequestResponse, resident: string) {
  expect(start.statusCode).toBe(303);
  const toInteraction = await browser.follow(start);
  const page = toInteraction.at(-1)!;
  expect(page.statusCode).toBe(200);
  expect(page.body).toContain('デモ用カード認証');
  const uid = /\/demo-card\/interaction\/([^"]+)"/.exec(page.body)![1]!;
  const posted = await browser.request({
    method: 'POST',
    url: `/demo-card/interaction/${uid}`,
    form: { _csrf: formField(page.body, '_csrf'), resident, action: 'login' },
  });
  expect(posted.statusCode, posted.body).toBe(303);
  // resume → consent (granted by the card page) → resume → back to Tsunagu's callback
  let current = posted;
  for (let i = 0; i < 6; i++) {
    const location = String(current.headers.location);
    if (location.includes('/sign-in/card/callback')) return location;
    current = await browser.request({ url: location });
    expect(current.statusCode, current.body).toBeGreaterThanOrEqual(300);
  }
  throw new Error('never reached the callback');
}

async function parentCount(subject: string) {
  const rows = await t.services.db.execute(sql`select count(*)::int as n from parents where subject = ${subject}`);
  return (rows.rows[0] as { n: number }).n;
}

async function auditReasons() {
  const rows = await t.services.db.execute(
    sql`select detail->>'reason' as reason from audit_events where action = 'parent.sign-in' and outcome = 'failure' order by id`,
  );
  return rows.rows.map((r) => r.reason);
}

describe('parent sign-in with the demo card authority (OpenID Connect, PKCE, state, nonce)', () => {
  it('first sign-in creates the parent and household from the verified claims; the next one matches them', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0001');
    const done = await browser.request({ url: callback });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/household');
    expect(browser.cookie(SESSION_COOKIE)).toBeDefined();

    const household = await browser.request({ url: '/api/v1/me/household' });
    expect(household.statusCode).toBe(200);
    expect(household.json()).toMatchObject({
      municipalityCode: '131199',
      parents: [
        { name: '板橋 葉子', birthDate: '1992-06-14', sex: 'female', address: '東京都板橋区板橋二丁目66番1号' },
      ],
    });

    const again = new CookieJarClient(t.app);
    await again.request({ url: await untilCallback(again, 'demo-resident-0001') });
    const second = await again.request({ url: '/api/v1/me/household' });
    expect(second.json().id).toBe(household.json().id);
    expect(await parentCount('demo-resident-0001')).toBe(1);
  });

  it('a sign-in started on one process finishes on another (keys and state shared through the database)', async () => {
    const other = await buildApp(t.services, 'test-session-secret-that-is-long-enough-0123');
    await other.ready();
    try {
      const browser = new CookieJarClient(t.app);
      const start = await browser.request({ url: '/sign-in/card' });
      browser.app = other;
      const callback = await untilCallbackFrom(browser, start, 'demo-resident-0001');
      browser.app = t.app;
      const done = await browser.request({ url: callback });
      expect(done.statusCode).toBe(303);
      expect(done.headers.location).toBe('/household');
    } finally {
      await other.close();
    }
  });

  it('refuses a replayed callback (the same code and state twice), audited', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0002');
    const loginCookie = browser.cookie('tsunagu_oidc')!;
    expect((await browser.request({ url: callback })).statusCode).toBe(303);
    browser.setCookie('tsunagu_oidc', loginCookie, '/sign-in/card');
    const replay = await browser.request({ url: callback });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('sign-in');
    expect(await auditReasons()).toContain('replayed');
  });

  it('refuses a forged code and a mismatched state, creating nothing', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = new URL(await untilCallback(browser, 'demo-resident-0003'), 'http://x');
    const forged = new URL(callback);
    forged.searchParams.set('code', 'forged-code-value');
    const res = await browser.request({ url: `${forged.pathname}${forged.search}` });
    expect(res.statusCode).toBe(400);
    expect(await parentCount('demo-resident-0003')).toBe(0);

    const other = new CookieJarClient(t.app);
    const callback2 = new URL(await untilCallback(other, 'demo-resident-0003'), 'http://x');
    callback2.searchParams.set('state', 'not-the-state');
    const mismatch = await other.request({ url: `${callback2.pathname}${callback2.search}` });
    expect(mismatch.statusCode).toBe(400);
    expect(await parentCount('demo-resident-0003')).toBe(0);
    expect(await auditReasons()).toEqual(expect.arrayContaining(['token-exchange-failed', 'state-mismatch']));
  });

  it('refuses a callback opened without this browser’s login cookie, or with a tampered one', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0004');
    const stranger = new CookieJarClient(t.app);
    expect((await stranger.request({ url: callback })).statusCode).toBe(400);
    browser.setCookie('tsunagu_oidc', `${browser.cookie('tsunagu_oidc')}x`, '/sign-in/card');
    expect((await browser.request({ url: callback })).statusCode).toBe(400);
    expect(await parentCount('demo-resident-0004')).toBe(0);
  });

  it('refuses an ID token whose nonce does not match the one sent', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0005');
    await t.services.db.execute(sql`update oidc_login_requests set nonce = 'another-nonce' where consumed_at is null`);
    const res = await browser.request({ url: callback });
    expect(res.statusCode).toBe(400);
    expect(await parentCount('demo-resident-0005')).toBe(0);
    expect(await auditReasons()).toContain('id-token-invalid');
  });

  it('refuses a login request that has expired', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0005');
    clock = new Date(clock.getTime() + 11 * 60_000);
    try {
      const res = await browser.request({ url: callback });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('無効になりました');
    } finally {
      clock = new Date();
    }
  });

  it('refuses an authorization code that expired before it was exchanged', async () => {
    const browser = new CookieJarClient(t.app);
    const callback = await untilCallback(browser, 'demo-resident-0004');
    const before = (await auditReasons()).length;
    // The demo authority's codes live 60 s; Tsunagu's login request lives 10 minutes.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 60_000);
      clock = new Date();
      const res = await browser.request({ url: callback });
      expect(res.statusCode).toBe(400);
    } finally {
      vi.useRealTimers();
      clock = new Date();
    }
    expect(await parentCount('demo-resident-0004')).toBe(0);
    expect((await auditReasons()).slice(before)).toEqual(['token-exchange-failed']);
  });

  it('cancelling at the card authority signs nobody in', async () => {
    const browser = new CookieJarClient(t.app);
    const start = await browser.follow(await browser.request({ url: '/sign-in/card' }));
    const page = start.at(-1)!;
    const uid = /\/demo-card\/interaction\/([^"]+)"/.exec(page.body)![1]!;
    const cancelled = await browser.request({
      method: 'POST',
      url: `/demo-card/interaction/${uid}`,
      form: { _csrf: formField(page.body, '_csrf'), action: 'abort' },
    });
    const chain = await browser.follow(cancelled);
    expect(chain.at(-1)!.statusCode).toBe(400);
    expect(chain.at(-1)!.body).toContain('取り消されました');
  });
});
