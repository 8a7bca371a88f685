import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { totpCode } from './staff/totp.ts';
import { CookieJarClient, formField } from './testing/cookie-jar-client.ts';
import { makeStaff, staffCookie } from './testing/identity-factories.ts';

let t: TestContext;
let clock = new Date('2026-06-01T00:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

describe('staff invitations', () => {
  it('an admin invites a colleague, who sets a password and TOTP and then signs in with both', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '131211', roles: ['municipality-admin'] });
    const cookies = await staffCookie(t.app, t.services, admin, clock);
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/accounts/invitations',
      cookies,
      payload: {
        email: 'screener@adachi.example.jp',
        displayName: '足立 審査',
        municipalityCode: '131211',
        roles: ['nursery-screener'],
      },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().staff.status).toBe('invited');
    const path = new URL(invited.json().invitationUrl).pathname;

    // The invited account cannot sign in before accepting.
    const early = await t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in',
      payload: { email: 'screener@adachi.example.jp', password: 'anything at all' },
    });
    expect(early.statusCode).toBe(401);

    const browser = new CookieJarClient(t.app);
    const page = await browser.request({ url: path });
    expect(page.statusCode).toBe(200);
    const secret = formField(page.body, 'totpSecret');
    const wrong = await browser.request({
      method: 'POST',
      url: path,
      form: {
        _csrf: formField(page.body, '_csrf'),
        totpSecret: secret,
        password: 'a long enough password',
        code: '000000' === totpCode(secret, clock) ? '111111' : '000000',
      },
    });
    expect(wrong.statusCode).toBe(400);
    const accepted = await browser.request({
      method: 'POST',
      url: path,
      form: {
        _csrf: formField(wrong.body, '_csrf'),
        totpSecret: secret,
        password: 'a long enough password',
        code: totpCode(secret, clock),
      },
    });
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toBe('/staff/sign-in?accepted=1');

    // The link works once.
    expect((await browser.request({ url: path })).statusCode).toBe(404);

    clock = new Date(clock.getTime() + 60_000);
    const signedIn = await staffCookie(
      t.app,
      t.services,
      { email: 'screener@adachi.example.jp', password: 'a long enough password', totpSecret: secret },
      clock,
    );
    const me = await t.app.inject({ url: '/api/v1/me', cookies: signedIn });
    expect(me.json()).toMatchObject({ type: 'staff', municipalityCode: '131211', roles: ['nursery-screener'] });
  });

  it('a municipality admin cannot invite into another municipality or make a platform admin', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '131211', roles: ['municipality-admin'] });
    const cookies = await staffCookie(t.app, t.services, admin, clock);
    const invite = (municipalityCode: string, roles: string[]) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/staff/accounts/invitations',
        cookies,
        payload: {
          email: `x-${municipalityCode}-${roles.length}@example.jp`,
          displayName: 'x',
          municipalityCode,
          roles,
        },
      });
    expect((await invite('131199', [])).statusCode).toBe(403);
    expect((await invite('131211', ['platform-admin'])).statusCode).toBe(403);
    const list = await t.app.inject({ url: '/api/v1/staff/accounts', cookies });
    expect(list.json().items.every((s: { municipalityCode: string }) => s.municipalityCode === '131211')).toBe(true);
  });

  it('disabling an account ends its sessions at once', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '131199', roles: ['municipality-admin'] });
    const colleague = await makeStaff(t.services, { municipalityCode: '131199', roles: ['notice-sender'] });
    clock = new Date(clock.getTime() + 60_000);
    const adminCookies = await staffCookie(t.app, t.services, admin, clock);
    const colleagueCookies = await staffCookie(t.app, t.services, colleague, clock);
    const disabled = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/accounts/${colleague.staff.id}`,
      cookies: adminCookies,
      payload: { status: 'disabled' },
    });
    expect(disabled.json().status).toBe('disabled');
    expect((await t.app.inject({ url: '/api/v1/me', cookies: colleagueCookies })).statusCode).toBe(401);
  });
});
