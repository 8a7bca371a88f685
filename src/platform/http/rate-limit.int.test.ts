import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ config: { rateLimitPerMinute: 3 } });
});
afterAll(() => t?.close());

describe('rate limiting', () => {
  it('answers 429 as problem+json with Retry-After once a client exceeds its budget, and spares health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.app.inject({ url: '/api/v1/municipalities' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.app.inject({ url: '/api/v1/municipalities' });
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await t.app.inject({ url: '/healthz' })).statusCode).toBe(200);
  });
});
