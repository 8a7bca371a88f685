import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { CookieJarClient, formField } from './testing/cookie-jar-client.ts';
import { makeParent, makeStaff, parentCookie, staffCookie } from './testing/identity-factories.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('parent pages', () => {
  it('send a signed-out visitor to sign in, and back afterwards', async () => {
    const res = await t.app.inject({ url: '/household', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fhousehold');
    const page = await t.app.inject({ url: '/sign-in?next=/household', headers: { accept: 'text/html' } });
    expect(page.body).toContain('/sign-in/card?next=%2Fhousehold');
    const offsite = await t.app.inject({ url: '/sign-in?next=//evil.example', headers: { accept: 'text/html' } });
    expect(offsite.body).toContain('/sign-in/card?next=%2Fhousehold');
  });

  it('refuse a form post without the CSRF token, and re-render bad input with the field’s message', async () => {
    const { parent } = await makeParent(t.services);
    const browser = new CookieJarClient(t.app);
    const cookies = await parentCookie(t.app, t.services, parent);
    browser.setCookie('tsunagu_session', cookies.tsunagu_session);
    const page = await browser.request({ url: '/household' });
    expect(page.statusCode).toBe(200);

    const forged = await browser.request({
      method: 'POST',
      url: '/household/children',
      form: { name: 'x', nameKana: 'えっくす', birthDate: '2024-01-01', sex: 'male', relationship: 'mother' },
    });
    expect(forged.statusCode).toBe(403);

    const bad = await browser.request({
      method: 'POST',
      url: '/household/children',
      form: {
        _csrf: formField(page.body, '_csrf'),
        name: 'x',
        nameKana: 'Ekkusu',
        birthDate: '2024-01-01',
        sex: 'male',
        relationship: 'mother',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('ふりがなはひらがなかカタカナで入力してください');
    expect(bad.body).toContain('value="Ekkusu"');
  });

  it('record a move from the household page', async () => {
    const { parent } = await makeParent(t.services, { municipalityCode: '131199' });
    const browser = new CookieJarClient(t.app);
    browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
    const page = await browser.request({ url: '/household' });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const moved = await browser.request({
      method: 'POST',
      url: '/household/moves',
      form: { _csrf: formField(page.body, '_csrf'), municipalityCode: '131211', movedOn: today },
    });
    expect(moved.statusCode).toBe(303);
    const after = await browser.request({ url: '/household?done=saved' });
    expect(after.body).toContain(`足立区: ${today} から`);
  });

  it('render consents and the access log in English too', async () => {
    const { parent } = await makeParent(t.services);
    const browser = new CookieJarClient(t.app);
    browser.setCookie('tsunagu_session', (await parentCookie(t.app, t.services, parent)).tsunagu_session);
    browser.setCookie('lang', 'en');
    const consents = await browser.request({ url: '/consents' });
    expect(consents.body).toContain('Your consents');
    const given = await browser.request({
      method: 'POST',
      url: '/consents',
      form: { _csrf: formField(consents.body, '_csrf'), action: 'grant', kind: 'channel', target: 'email' },
    });
    expect(given.statusCode).toBe(303);
    const after = await browser.request({ url: '/consents' });
    expect(after.body).toMatch(/E-mail<\/strong>: Given/);
    const log = await browser.request({ url: '/access-log' });
    expect(log.body).toContain('Who looked at my data');
  });
});

describe('staff user management page', () => {
  it('changes a colleague’s roles and disables the account', async () => {
    const admin = await makeStaff(t.services, { municipalityCode: '131199', roles: ['municipality-admin'] });
    const colleague = await makeStaff(t.services, { municipalityCode: '131199', roles: ['notice-sender'] });
    const browser = new CookieJarClient(t.app);
    browser.setCookie('tsunagu_session', (await staffCookie(t.app, t.services, admin)).tsunagu_session);
    const page = await browser.request({ url: '/staff/users' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(colleague.email);
    const csrf = formField(page.body, '_csrf');
    const changed = await browser.request({
      method: 'POST',
      url: `/staff/users/${colleague.staff.id}`,
      form: { _csrf: csrf, action: 'roles', roles: 'registry-editor' },
    });
    expect(changed.statusCode).toBe(303);
    const list = await t.app.inject({
      url: '/api/v1/staff/accounts',
      cookies: { tsunagu_session: browser.cookie('tsunagu_session')! },
    });
    const row = list.json().items.find((s: { id: string }) => s.id === colleague.staff.id);
    expect(row.roles).toEqual(['registry-editor']);
  });
});

describe('production mode', () => {
  it('has no demo card authority, and parent sign-in says it is not configured', async () => {
    const prod = await createTestApp({ config: { mode: 'production', baseUrl: 'https://tsunagu.example.jp' } });
    try {
      expect((await prod.app.inject({ url: '/demo-card/.well-known/openid-configuration' })).statusCode).toBe(404);
      const page = await prod.app.inject({ url: '/sign-in', headers: { accept: 'text/html' } });
      expect(page.body).toContain('カード認証の設定がされていない');
      expect((await prod.app.inject({ url: '/sign-in/card' })).statusCode).toBe(503);
    } finally {
      await prod.close();
    }
  });
});
