import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestContext } from '../testing/test-app.ts';

let t: TestContext;

beforeAll(async () => {
  t = await createTestApp({
    config: { bodyLimitBytes: 2048 },
    // Routes that exist only to exercise the error paths every real route shares.
    routes(app) {
      const r = app.withTypeProvider<ZodTypeProvider>();
      r.post(
        '/test/echo',
        { schema: { body: z.object({ name: z.string().min(1), age: z.number().int().min(0) }).strict() } },
        async (request) => request.body,
      );
      r.get('/test/boom', async () => {
        throw new Error('secret internal detail: connection string postgres://user:pw@db');
      });
      r.post('/test/form', { preHandler: app.csrfProtection }, async () => ({ ok: true }));
      r.get('/test/form', async (_request, reply) => ({ token: reply.generateCsrf() }));
    },
  });
});

afterAll(() => t?.close());

describe('problem details', () => {
  it('404 for an unknown path, as problem+json with both languages', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({
      status: 404,
      code: 'not-found',
      type: '/problems/not-found',
      instance: '/api/v1/nothing-here',
    });
    expect(body.titleJa).toBe('見つかりません');
    expect(body.requestId).toBe(res.headers['x-request-id']);
  });

  it('405 with an Allow header for a known path and another method', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: '/api/v1/municipalities' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.json().code).toBe('method-not-allowed');
  });

  it('405, not 400, when bad JSON is posted to a path that does not take POST', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/municipalities',
      headers: { 'content-type': 'application/json' },
      payload: '{bad',
    });
    expect(res.statusCode).toBe(405);
  });

  it('400 naming each invalid field, in English and Japanese', async () => {
    const res = await t.app.inject({ url: '/api/v1/municipalities/131198?kind=planet' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('validation-failed');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['params.code']);
    expect(body.errors[0].messageJa).toContain('検査数字');
  });

  it('lists every invalid body field with a path', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { name: '', age: -1, extra: true } });
    expect(res.statusCode).toBe(400);
    const fields = res
      .json()
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['body', 'body.age', 'body.name']);
    const ja = res.json().errors.map((e: { messageJa: string }) => e.messageJa);
    expect(ja).toContain('入力してください');
    expect(ja).toContain('不明な項目があります: extra');
  });

  it('400 for malformed JSON, 413 for a body over the limit, 415 for an unknown content type', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('malformed-body');

    const big = await t.app.inject({ method: 'POST', url: '/test/echo', payload: { name: 'x'.repeat(5000), age: 1 } });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload-too-large');

    const xml = await t.app.inject({
      method: 'POST',
      url: '/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().code).toBe('unsupported-media-type');
  });

  it('500 hides the cause and carries an errorId', async () => {
    const res = await t.app.inject({ url: '/test/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.code).toBe('internal-error');
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).not.toContain('secret');
    expect(res.body).not.toContain('postgres://');
  });

  it('refuses a form post without a valid CSRF token and accepts one with it', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/test/form', payload: { a: '1' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('csrf-failed');

    const page = await t.app.inject({ url: '/test/form' });
    const cookie = page.cookies.find((c) => c.name === '_csrf');
    expect(cookie).toBeDefined();
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/test/form',
      cookies: { _csrf: cookie?.value ?? '' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(page.json().token)}`,
    });
    expect(accepted.statusCode).toBe(200);
  });

  it('keeps a caller-supplied request id and makes one otherwise', async () => {
    const mine = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'partner-req-12345' } });
    expect(mine.headers['x-request-id']).toBe('partner-req-12345');
    const hostile = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
    expect(hostile.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('renders an HTML error page for a browser', async () => {
    const res = await t.app.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('見つかりません');
  });
});
