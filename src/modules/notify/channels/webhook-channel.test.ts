import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from './channel.ts';
import { delivery } from './test-deliveries.ts';
import { createWebhookChannel } from './webhook-channel.ts';

// A real-looking endpoint secret: whsec_ + base64 of 24 random bytes.
const SECRET = `whsec_${Buffer.from('tsunagu-partner-secret-24').toString('base64')}`;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  verified: unknown;
}

let server: Server;
let url: string;
let received: Received[];
let answers: { status: number; delayMs?: number; retryAfter?: string }[];
let channel: Channel;

beforeEach(async () => {
  received = [];
  answers = [];
  // The partner side verifies every request with the library's own verify(): a bad signature is a 401.
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      let verified: unknown;
      try {
        verified = new Webhook(SECRET).verify(body, req.headers as Record<string, string>);
      } catch {
        res.writeHead(401).end();
        return;
      }
      received.push({ headers: req.headers, body, verified });
      const answer = answers.shift() ?? { status: 204 };
      setTimeout(() => {
        res.writeHead(answer.status, answer.retryAfter ? { 'retry-after': answer.retryAfter } : {}).end();
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tsunagu`;
  channel = createWebhookChannel({ timeoutMs: 500 });
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function hook(n: number, secret = SECRET) {
  return delivery(
    n,
    { channel: 'webhook', url, secret },
    {
      webhookEvent: { type: 'booking.confirmed', data: { bookingId: `b-${n}` } },
    },
  );
}

describe('webhook channel (Standard Webhooks)', () => {
  it('posts a signed event that the partner verifies, with the idempotency key as webhook-id', async () => {
    const outcomes = await channel.send([hook(1), hook(2)]);
    expect(outcomes.map((o) => o.status)).toEqual(['delivered', 'delivered']);
    expect(received).toHaveLength(2);
    const first = received.find((r) => r.headers['webhook-id'] === hook(1).idempotencyKey)!;
    expect(first.verified).toMatchObject({ type: 'booking.confirmed', data: { bookingId: 'b-1' } });
    expect(first.headers['webhook-signature']).toMatch(/^v1,/);
    expect(Number(first.headers['webhook-timestamp'])).toBeGreaterThan(1_700_000_000);
  });

  it('sends the message itself when no event is attached', async () => {
    const plain = delivery(3, { channel: 'webhook', url, secret: SECRET });
    await channel.send([plain]);
    expect(received[0]!.verified).toMatchObject({ type: 'notify.message', data: { language: 'ja', urgent: false } });
  });

  it('maps 410 to a disabled endpoint, other 4xx to permanent, 5xx and 429 to temporary', async () => {
    answers = [{ status: 410 }];
    expect((await channel.send([hook(1)]))[0]).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    answers = [{ status: 422 }];
    expect((await channel.send([hook(1)]))[0]).toMatchObject({ status: 'permanent-failure', disableEndpoint: false });
    answers = [{ status: 503, retryAfter: '7' }];
    expect((await channel.send([hook(1)]))[0]).toMatchObject({ status: 'temporary-failure', retryAfterMs: 7_000 });
    answers = [{ status: 429 }];
    expect((await channel.send([hook(1)]))[0]).toMatchObject({ status: 'temporary-failure' });
  });

  it('treats a timeout and a refused connection as temporary', async () => {
    answers = [{ status: 200, delayMs: 2_000 }];
    const [slow] = await channel.send([hook(1)]);
    expect(slow).toMatchObject({ status: 'temporary-failure' });
    const refused = createWebhookChannel({ timeoutMs: 500 });
    const [down] = await refused.send([
      delivery(4, { channel: 'webhook', url: 'http://127.0.0.1:1/hook', secret: SECRET }),
    ]);
    expect(down).toMatchObject({ status: 'temporary-failure' });
  });

  it('refuses a wrong secret at the partner (401 → permanent) and a malformed secret before sending', async () => {
    const other = `whsec_${Buffer.from('some-other-partner-secret').toString('base64')}`;
    expect((await channel.send([hook(1, other)]))[0]).toMatchObject({ status: 'permanent-failure' });
    expect(received).toHaveLength(0);
    const [bad] = await channel.send([hook(2, 'whsec_@@@not base64@@@')]);
    expect(bad).toMatchObject({ status: 'permanent-failure', disableEndpoint: false });
  });
});
