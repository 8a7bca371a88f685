import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webPushClientRoutes } from './web-push-client.routes.ts';

const app = Fastify();

beforeAll(async () => {
  await app.register(webPushClientRoutes);
  await app.ready();
});

afterAll(() => app.close());

describe('web push client routes', () => {
  it('serves the service worker at /sw.js with a site-wide scope and no caching', async () => {
    const response = await app.inject({ url: '/sw.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['service-worker-allowed']).toBe('/');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toContain("addEventListener('push'");
    expect(response.body).toContain("addEventListener('notificationclick'");
  });

  it('serves the subscribe script with a validator and answers 304 to a matching If-None-Match', async () => {
    const response = await app.inject({ url: '/assets/notify/push-subscribe.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('data-push-subscribe');
    const again = await app.inject({
      url: '/assets/notify/push-subscribe.js',
      headers: { 'if-none-match': String(response.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('ships scripts that parse as JavaScript', async () => {
    for (const url of ['/sw.js', '/assets/notify/push-subscribe.js']) {
      const { body } = await app.inject({ url });
      expect(() => new Function(body)).not.toThrow();
    }
  });
});
