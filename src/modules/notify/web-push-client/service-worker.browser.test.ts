import { mkdirSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, SCREENSHOTS } from '../../../../e2e/browser.ts';
import { renderedMessage } from '../channels/test-deliveries.ts';
import { webPushPayload } from '../channels/web-push-channel.ts';
import { webPushClientRoutes } from './web-push-client.routes.ts';

const enabled = chromiumAvailable();

// A page shaped like the one the notify pages render, to exercise the scripts in a real browser.
const PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>通知の設定</title></head><body>
<main><h1>通知の設定</h1>
<button type="button" hidden data-push-subscribe data-vapid-public-key="BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U"
 data-subscribe-url="/subscriptions" data-csrf-token="csrf-1" data-msg-unsupported="このブラウザでは使えません">このブラウザで受け取る</button>
<p data-push-status aria-live="polite"></p></main>
<script src="/assets/notify/push-subscribe.js" defer></script></body></html>`;

describe.runIf(enabled)('service worker and subscribe script in Chromium', () => {
  let browser: Browser;
  let app: FastifyInstance;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = Fastify();
    await app.register(webPushClientRoutes);
    app.get('/settings', async (_request, reply) => reply.type('text/html; charset=utf-8').send(PAGE));
    app.get('/inbox/messages/1', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<title>inbox</title>'),
    );
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the subscribe button only with JavaScript, and the worker shows a pushed notice', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    await context.grantPermissions(['notifications'], { origin });
    const page = await context.newPage();
    await page.goto(`${origin}/settings`);
    await expect.poll(() => page.isVisible('[data-push-subscribe]')).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-push-subscribe-button.png` });

    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const mine = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${origin}/`);
        if (mine) resolve(mine.registrationId);
      });
    });
    // A push delivered before the worker version is activated can be dropped (seen once on a loaded machine), so
    // the push waits for DevTools to report an activated version of this registration.
    const activated = new Promise<void>((resolve) => {
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (
          versions.some(
            (v: { scriptURL: string; status: string }) => v.scriptURL === `${origin}/sw.js` && v.status === 'activated',
          )
        ) {
          resolve();
        }
      });
    });
    await cdp.send('ServiceWorker.enable');
    const scope = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      await navigator.serviceWorker.ready;
      return registration.scope;
    });
    expect(scope).toBe(`${origin}/`);

    // What the push service hands the browser after decrypting: the Web Push channel's payload.
    const payload = webPushPayload(renderedMessage({ url: `${origin}/inbox/messages/1` }));
    await activated;
    await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId: await registrationId, data: payload });
    const shown = async () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body, data: n.data }));
      });
    await expect.poll(shown, { timeout: 10_000 }).toHaveLength(1);
    const [notice] = await shown();
    expect(notice).toEqual({
      title: renderedMessage().title,
      body: renderedMessage().body,
      data: { url: `${origin}/inbox/messages/1` },
    });
    await context.close();
  });
});
