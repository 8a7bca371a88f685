import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { makeParent, makeStaff, parentCookie, staffCookie } from '../identity/index.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('home page', () => {
  it('is Japanese by default and English when the browser prefers it', async () => {
    const ja = await t.app.inject({ url: '/' });
    expect(ja.statusCode).toBe(200);
    expect(ja.headers['content-language']).toBe('ja');
    expect(ja.body).toContain('<html lang="ja"');
    expect(ja.body).toContain('保活ワンストップ');

    const en = await t.app.inject({ url: '/', headers: { 'accept-language': 'en-US,en;q=0.9,ja;q=0.5' } });
    expect(en.headers['content-language']).toBe('en');
    expect(en.body).toContain('Nursery one-stop');
  });

  it('remembers an explicit language choice and only redirects within the site', async () => {
    const set = await t.app.inject({ url: '/lang/en?next=/docs' });
    expect(set.statusCode).toBe(303);
    expect(set.headers.location).toBe('/docs');
    const cookie = set.cookies.find((c) => c.name === 'lang');
    expect(cookie?.value).toBe('en');

    const chosen = await t.app.inject({ url: '/', cookies: { lang: 'en' }, headers: { 'accept-language': 'ja' } });
    expect(chosen.headers['content-language']).toBe('en');

    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      const res = await t.app.inject({ url: `/lang/ja?next=${encodeURIComponent(next)}` });
      expect(res.headers.location, next).toBe('/');
    }
    const bad = await t.app.inject({ url: '/lang/fr' });
    expect(bad.statusCode).toBe(400);
  });

  it('sends security headers and serves its assets with validators', async () => {
    const home = await t.app.inject({ url: '/' });
    expect(home.headers['content-security-policy']).toContain("script-src 'self'");
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    const css = await t.app.inject({ url: '/assets/app.css' });
    expect(css.statusCode).toBe(200);
    const again = await t.app.inject({
      url: '/assets/app.css',
      headers: { 'if-none-match': String(css.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect((await t.app.inject({ url: '/assets/nope.css' })).statusCode).toBe(404);
  });

  it('publishes the OpenAPI document', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/municipalities', '/api/v1/municipalities/{code}', '/healthz', '/readyz']),
    );
    expect(doc.components.schemas.Problem).toBeDefined();
  });

  it('links the cards to the services and portals, and signed-in people to their own pages', async () => {
    const hrefs = (body: string, attr: string) =>
      Object.fromEntries(
        [...body.matchAll(new RegExp(`data-${attr}="([a-z]+)"><h3>(?:<a href="([^"]+)")?`, 'g'))].map((x) => [
          x[1],
          x[2] ?? null,
        ]),
      );
    const anonymous = (await t.app.inject({ url: '/' })).body;
    expect(hrefs(anonymous, 'service')).toEqual({
      registry: '/programs',
      health: null,
      hokatsu: '/hokatsu/nurseries',
      benefits: null,
    });
    expect(hrefs(anonymous, 'portal')).toMatchObject({ parents: '/sign-in', staff: '/staff/sign-in' });
    for (const href of ['/programs', '/hokatsu/nurseries', '/sign-in', '/staff/sign-in']) {
      expect((await t.app.inject({ url: href, headers: { accept: 'text/html' } })).statusCode, href).toBe(200);
    }

    const { parent } = await makeParent(t.services);
    const asParent = (await t.app.inject({ url: '/', cookies: await parentCookie(t.app, t.services, parent) })).body;
    expect(hrefs(asParent, 'portal').parents).toBe('/household');
    const staff = await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] });
    const asStaff = (await t.app.inject({ url: '/', cookies: await staffCookie(t.app, t.services, staff) })).body;
    expect(hrefs(asStaff, 'portal').staff).toBe('/staff');
  });
});
