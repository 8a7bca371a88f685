import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('OpenAPI', () => {
  it('documents the identity API and keeps the pages out of it', async () => {
    const res = await t.app.inject({ url: '/openapi.json' });
    expect(res.statusCode, res.body).toBe(200);
    const paths = Object.keys(res.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/v1/me/household', '/api/v1/staff/sign-in', '/api/v1/signatures/verify']),
    );
    expect(paths.some((p) => p.startsWith('/demo-card') || p === '/household')).toBe(false);
  });
});
