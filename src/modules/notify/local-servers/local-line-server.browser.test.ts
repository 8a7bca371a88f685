import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateSignature } from '@line/bot-sdk';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  expectNoSeriousA11yViolations,
  launchChromium,
  SCREENSHOTS,
} from '../../../../e2e/browser.ts';
import { createLineChannel } from '../channels/line-channel.ts';
import { lineDeliveries, lineUserId } from '../channels/test-deliveries.ts';
import {
  LOCAL_LINE_ACCESS_TOKEN,
  LOCAL_LINE_CHANNEL_SECRET,
  type LocalLineServer,
  startLocalLineServer,
} from './local-line-server.ts';

const enabled = chromiumAvailable();

describe.runIf(enabled)('local LINE server in a browser (360 px phone)', () => {
  let browser: Browser;
  let line: LocalLineServer;
  let app: Server;
  const webhooks: { body: string; signature: string }[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        webhooks.push({ body, signature: String(req.headers['x-line-signature']) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    line = await startLocalLineServer({
      accountLinkWebhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/line/webhook`,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await line?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  it('links a LINE account through the dialog, then shows the received notice on the demo phone', async () => {
    const userId = lineUserId(4);
    const channel = createLineChannel({
      baseUrl: line.url,
      credentials: async () => ({ accessToken: LOCAL_LINE_ACCESS_TOKEN }),
      requestsPerSecond: 10,
    });
    const issued = await fetch(`${line.url}/v2/bot/user/${userId}/linkToken`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_LINE_ACCESS_TOKEN}` },
    });
    const { linkToken } = (await issued.json()) as { linkToken: string };

    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${line.url}/dialog/bot/accountLink?linkToken=${linkToken}&nonce=browser-nonce`);
    await expect.poll(() => page.inputValue('#userId')).toBe(userId);
    await page.screenshot({ path: `${SCREENSHOTS}/notify-local-line-account-link.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);
    await page.click('button[type=submit]');
    await page.waitForURL(/\/\?user=/);
    expect(webhooks).toHaveLength(1);
    expect(validateSignature(webhooks[0]!.body, LOCAL_LINE_CHANNEL_SECRET, webhooks[0]!.signature)).toBe(true);

    const outcomes = await channel.send(lineDeliveries(1, '131237', 4));
    expect(outcomes[0]!.status).toBe('delivered');
    await page.reload();
    await expect.poll(() => page.textContent('.bubble')).toContain('3か月児健康診査のお知らせ');
    await page.screenshot({ path: `${SCREENSHOTS}/notify-local-line-demo-phone.png`, fullPage: true });
    await expectNoSeriousA11yViolations(page);
    await context.close();
  });
});
