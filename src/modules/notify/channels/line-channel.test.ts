import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  LOCAL_LINE_ACCESS_TOKEN,
  type LocalLineServer,
  startLocalLineServer,
} from '../local-servers/local-line-server.ts';
import type { Channel, DeliveryOutcome } from './channel.ts';
import { createLineChannel, LINE_TEXT_MAX_CHARS, lineText } from './line-channel.ts';
import { delivery, lineDeliveries, lineUserId, renderedMessage } from './test-deliveries.ts';

let line: LocalLineServer;
let channel: Channel;

function countBy(outcomes: DeliveryOutcome[]) {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
  return counts;
}

beforeEach(async () => {
  line = await startLocalLineServer();
  channel = createLineChannel({
    baseUrl: line.url,
    credentials: async () => ({ accessToken: LOCAL_LINE_ACCESS_TOKEN }),
    requestsPerSecond: 2_000,
  });
});

afterEach(async () => {
  await line.close();
});

describe('LINE channel against the local LINE Messaging API server', () => {
  it('splits 1,203 recipients of one message into multicasts of at most 500, each with a retry key', async () => {
    const batch = lineDeliveries(1_203);
    const outcomes = await channel.send(batch);
    expect(countBy(outcomes)).toEqual({ delivered: 1_203 });
    expect(new Set(outcomes.map((o) => o.deliveryId)).size).toBe(1_203);
    const multicasts = line.requests.filter((r) => r.path === '/v2/bot/message/multicast');
    expect(multicasts.map((r) => r.recipients.length).sort((a, b) => a - b)).toEqual([203, 500, 500]);
    expect(multicasts.every((r) => r.status === 200 && /^[0-9a-f-]{36}$/.test(r.retryKey ?? ''))).toBe(true);
    expect(new Set(multicasts.map((r) => r.retryKey)).size).toBe(3);
    expect(line.received()).toHaveLength(1_203);
    expect(line.received(lineUserId(7))[0]!.text).toBe(lineText(renderedMessage()));
    const withReference = outcomes[0] as { providerReference?: string };
    expect(multicasts.map((r) => r.requestId)).toContain(withReference.providerReference);
  });

  it('sends different texts and different LINE channels as separate requests, and one user twice in two requests', async () => {
    const batch = [
      delivery(1, { channel: 'line', lineChannelId: '131237', userId: lineUserId(1) }),
      delivery(
        2,
        { channel: 'line', lineChannelId: '131237', userId: lineUserId(2) },
        { message: renderedMessage({ title: '別のお知らせ' }) },
      ),
      delivery(3, { channel: 'line', lineChannelId: '131211', userId: lineUserId(3) }),
      delivery(4, { channel: 'line', lineChannelId: '131237', userId: lineUserId(1) }),
    ];
    const outcomes = await channel.send(batch);
    expect(countBy(outcomes)).toEqual({ delivered: 4 });
    expect(line.requests).toHaveLength(4);
    expect(line.received(lineUserId(1))).toHaveLength(2);
  });

  it('treats a 409 for a repeated retry key as delivered, so a retried request is not sent twice', async () => {
    const batch = lineDeliveries(3);
    await channel.send(batch);
    // The pipeline lost the answer and retries the same deliveries: same retry key, LINE answers 409.
    const again = await channel.send(batch);
    expect(countBy(again)).toEqual({ delivered: 3 });
    expect(line.requests.map((r) => r.status)).toEqual([200, 409]);
    expect(line.requests[0]!.retryKey).toBe(line.requests[1]!.retryKey);
    expect((again[0] as { providerReference?: string }).providerReference).toBe(line.requests[0]!.requestId);
    expect(line.received()).toHaveLength(3);
  });

  it('survives a 429 storm: temporary failures with Retry-After, then each message goes out exactly once', async () => {
    const batch = lineDeliveries(1_100);
    line.failNext(3, 429, 0);
    let pending = batch;
    const delivered = new Set<string>();
    for (let attempt = 0; attempt < 3 && pending.length > 0; attempt++) {
      const outcomes = await channel.send(pending);
      for (const outcome of outcomes) {
        if (outcome.status === 'delivered') delivered.add(outcome.deliveryId);
        else {
          expect(outcome).toMatchObject({ status: 'temporary-failure', retryAfterMs: 0 });
          expect(outcome.status === 'temporary-failure' && outcome.error).toContain('429');
        }
      }
      pending = pending.filter((d) => !delivered.has(d.deliveryId));
    }
    expect(delivered.size).toBe(1_100);
    expect(line.requests.filter((r) => r.status === 429)).toHaveLength(3);
    const received = line.received();
    expect(received).toHaveLength(1_100);
    expect(new Set(received.map((m) => m.userId)).size).toBe(1_100);
  });

  it('passes Retry-After seconds on as retryAfterMs', async () => {
    line.failNext(1, 429, 2);
    const [outcome] = await channel.send(lineDeliveries(1));
    expect(outcome).toMatchObject({ status: 'temporary-failure', retryAfterMs: 2_000 });
  });

  it('classifies 500 as temporary and sends on the retry', async () => {
    line.failNext(1, 500);
    const first = await channel.send(lineDeliveries(2));
    expect(countBy(first)).toEqual({ 'temporary-failure': 2 });
    const second = await channel.send(lineDeliveries(2));
    expect(countBy(second)).toEqual({ delivered: 2 });
    expect(line.received()).toHaveLength(2);
  });

  it('classifies a rejected access token (401) as temporary and names the credential problem', async () => {
    const wrong = createLineChannel({
      baseUrl: line.url,
      credentials: async () => ({ accessToken: 'revoked-token' }),
      requestsPerSecond: 10,
    });
    const outcomes = await wrong.send(lineDeliveries(2));
    expect(outcomes).toHaveLength(2);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe('temporary-failure');
      expect(outcome.status === 'temporary-failure' && outcome.error).toMatch(/access token of channel 131237 \(401\)/);
    }
    expect(line.requests[0]!.status).toBe(401);
  });

  it('classifies missing credentials as temporary without calling LINE', async () => {
    const missing = createLineChannel({
      baseUrl: line.url,
      credentials: async (id) => {
        throw new Error(`no LINE channel configured for ${id}`);
      },
      requestsPerSecond: 10,
    });
    const [outcome] = await missing.send(lineDeliveries(1));
    expect(outcome).toMatchObject({ status: 'temporary-failure' });
    expect(outcome?.status === 'temporary-failure' && outcome.error).toContain('no LINE channel configured for 131237');
    expect(line.requests).toHaveLength(0);
  });

  it('disables a user id LINE rejects and asks to resend the others without it', async () => {
    const batch = [
      ...lineDeliveries(2),
      delivery(9, { channel: 'line', lineChannelId: '131237', userId: 'not-a-line-user' }),
    ];
    const outcomes = await channel.send(batch);
    const bad = outcomes.find((o) => o.deliveryId === 'delivery-9');
    expect(bad).toMatchObject({ status: 'permanent-failure', disableEndpoint: true });
    const others = outcomes.filter((o) => o.deliveryId !== 'delivery-9');
    expect(others.every((o) => o.status === 'temporary-failure' && o.retryAfterMs === 0)).toBe(true);
    expect(countBy(await channel.send(lineDeliveries(2)))).toEqual({ delivered: 2 });
  });

  it('classifies a network failure as temporary', async () => {
    await line.close();
    const outcomes = await channel.send(lineDeliveries(2));
    expect(countBy(outcomes)).toEqual({ 'temporary-failure': 2 });
    line = await startLocalLineServer();
  });

  it('fits a long message into 5,000 characters and refuses a delivery addressed to another channel', async () => {
    const long = delivery(
      1,
      { channel: 'line', lineChannelId: '131237', userId: lineUserId(1) },
      { message: renderedMessage({ body: '長'.repeat(6_000) }) },
    );
    const mail = delivery(2, { channel: 'email', to: 'parent@example.jp' });
    const outcomes = await channel.send([long, mail]);
    expect(outcomes.find((o) => o.deliveryId === long.deliveryId)?.status).toBe('delivered');
    expect(outcomes.find((o) => o.deliveryId === mail.deliveryId)).toMatchObject({
      status: 'permanent-failure',
      disableEndpoint: false,
    });
    const text = line.received(lineUserId(1))[0]!.text;
    expect(text.length).toBeLessThanOrEqual(LINE_TEXT_MAX_CHARS);
    expect(text.endsWith(renderedMessage().url)).toBe(true);
  });
});
