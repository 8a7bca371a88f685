import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateSignature } from '@line/bot-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { lineUserId } from '../channels/test-deliveries.ts';
import { LOCAL_LINE_ACCESS_TOKEN, LOCAL_LINE_CHANNEL_SECRET, startLocalLineServer } from './local-line-server.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()!();
});

const auth = { authorization: `Bearer ${LOCAL_LINE_ACCESS_TOKEN}`, 'content-type': 'application/json' };

describe('local LINE Messaging API server', () => {
  it('answers 401 to an unknown token and 400 with LINE details to a malformed multicast', async () => {
    const line = await startLocalLineServer();
    closers.push(line.close);
    const unauthorised = await fetch(`${line.url}/v2/bot/info`, { headers: { authorization: 'Bearer nope' } });
    expect(unauthorised.status).toBe(401);
    const info = await fetch(`${line.url}/v2/bot/info`, { headers: auth });
    expect(await info.json()).toMatchObject({ chatMode: 'bot' });
    const bad = await fetch(`${line.url}/v2/bot/message/multicast`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ to: [], messages: [{ type: 'text', text: 'x'.repeat(5_001) }] }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      details: [
        { property: 'to', message: 'Size must be between 1 and 500' },
        { property: 'messages[0].text', message: 'Length must be between 1 and 5000' },
      ],
    });
  });

  it('links an account: link token, dialog page, signed accountLink webhook, redirect back', async () => {
    const webhooks: { signature: string; body: string }[] = [];
    const app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        webhooks.push({ signature: String(req.headers['x-line-signature']), body });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => app.close(() => resolve())));
    const line = await startLocalLineServer({
      accountLinkWebhookUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}/notify/line/webhook`,
    });
    closers.push(line.close);

    const userId = lineUserId(42);
    const issued = await fetch(`${line.url}/v2/bot/user/${userId}/linkToken`, { method: 'POST', headers: auth });
    const { linkToken } = (await issued.json()) as { linkToken: string };
    const dialog = await fetch(`${line.url}/dialog/bot/accountLink?linkToken=${linkToken}&nonce=n-123`);
    const html = await dialog.text();
    expect(html).toContain(`value="${userId}"`);
    expect(html).toContain('name="nonce" value="n-123"');

    const form = new URLSearchParams({ linkToken, nonce: 'n-123', userId, returnTo: 'http://127.0.0.1:1/back' });
    const linked = await fetch(`${line.url}/dialog/bot/accountLink`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(linked.status).toBe(303);
    expect(linked.headers.get('location')).toBe('http://127.0.0.1:1/back');
    expect(webhooks).toHaveLength(1);
    const webhook = webhooks[0]!;
    expect(validateSignature(webhook.body, LOCAL_LINE_CHANNEL_SECRET, webhook.signature)).toBe(true);
    expect(JSON.parse(webhook.body).events[0]).toMatchObject({
      type: 'accountLink',
      source: { type: 'user', userId },
      link: { result: 'ok', nonce: 'n-123' },
    });
    // A link token works once.
    const reused = await fetch(`${line.url}/dialog/bot/accountLink`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(reused.status).toBe(400);
  });

  it('shows what each user received on the demo phone page, escaped', async () => {
    const line = await startLocalLineServer();
    closers.push(line.close);
    const userId = lineUserId(5);
    const push = await fetch(`${line.url}/v2/bot/message/push`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ to: userId, messages: [{ type: 'text', text: '<b>健診</b>のお知らせ' }] }),
    });
    expect(push.status).toBe(200);
    expect(await push.json()).toMatchObject({ sentMessages: [{ id: expect.any(String) }] });
    const phone = await (await fetch(`${line.url}/?user=${userId}`)).text();
    expect(phone).toContain(userId);
    expect(phone).toContain('&lt;b&gt;健診&lt;/b&gt;のお知らせ');
    expect(line.received(userId)).toHaveLength(1);
  });

  it('keeps running totals past the recording cap: 409 for a known retry key, a repeated text counted as a duplicate', async () => {
    const line = await startLocalLineServer({ maxRecorded: 2 });
    closers.push(line.close);
    const multicast = (to: string[], text: string, retryKey: string) =>
      fetch(`${line.url}/v2/bot/message/multicast`, {
        method: 'POST',
        headers: { ...auth, 'x-line-retry-key': retryKey },
        body: JSON.stringify({ to, messages: [{ type: 'text', text }] }),
      });
    const [a, b, c] = [lineUserId(1), lineUserId(2), lineUserId(3)];
    expect((await multicast([a, b], 'お知らせ1', '11111111-1111-4111-8111-111111111111')).status).toBe(200);
    // The same retry key again: LINE answers 409 and sends nothing.
    expect((await multicast([a, b], 'お知らせ1', '11111111-1111-4111-8111-111111111111')).status).toBe(409);
    expect((await multicast([c], 'お知らせ1', '22222222-2222-4222-8222-222222222222')).status).toBe(200);
    // A new retry key with a text user b already has: delivered again, which is what a duplicate looks like.
    expect((await multicast([b], 'お知らせ1', '33333333-3333-4333-8333-333333333333')).status).toBe(200);
    line.failNext(1, 429, 1);
    expect((await multicast([a], 'お知らせ2', '44444444-4444-4444-8444-444444444444')).status).toBe(429);

    expect(line.stats).toEqual({
      requests: 5,
      accepted: 3,
      acceptedRecipients: 4,
      conflicts: 1,
      failed: 1,
      repeatedDeliveries: 1,
    });
    expect(line.requests.length).toBeLessThanOrEqual(3);
    expect(line.requests.at(-1)).toMatchObject({ status: 429, recipients: [a] });
  });
});
