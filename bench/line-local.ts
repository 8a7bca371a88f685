/**
 * LINE benchmark: how many multicast requests and messages per second the local LINE Messaging API server takes, raw
 * (fetch with keep-alive) and through the real LINE channel (@line/bot-sdk, retry keys, token bucket). The server is
 * the target of notify's delivery benchmark (≥ 2,000 messages/s), so it must not be the bottleneck there.
 * Prints figures; asserts nothing. Only 127.0.0.1 is contacted; loops are bounded by BENCH_MESSAGES.
 *
 *   npx tsx bench/line-local.ts        (BENCH_MESSAGES=200000, BENCH_CONCURRENCY=8)
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createLineChannel } from '../src/modules/notify/channels/line-channel.ts';
import { lineDeliveries, lineUserId } from '../src/modules/notify/channels/test-deliveries.ts';
import {
  LOCAL_LINE_ACCESS_TOKEN,
  startLocalLineServer,
} from '../src/modules/notify/local-servers/local-line-server.ts';

const totalMessages = Number(process.env.BENCH_MESSAGES ?? 200_000);
/** Personalised messages (a digest per child) share no text, so each is its own request: the rate that matters. */
const personalMessages = Number(process.env.BENCH_PERSONAL_MESSAGES ?? 20_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const perRequest = 500;
const requestCount = Math.ceil(totalMessages / perRequest);

function rate(count: number, ms: number) {
  return Math.round((count / ms) * 1000).toLocaleString('en-US');
}

async function rawServer(perRequest: number, requestCount: number) {
  const line = await startLocalLineServer();
  const to = Array.from({ length: perRequest }, (_, i) => lineUserId(i));
  const body = JSON.stringify({ to, messages: [{ type: 'text', text: '3か月児健康診査のお知らせ' }] });
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requestCount) {
        next++;
        const response = await fetch(`${line.url}/v2/bot/message/multicast`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${LOCAL_LINE_ACCESS_TOKEN}`,
            'content-type': 'application/json',
            'x-line-retry-key': crypto.randomUUID(),
          },
          body,
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`local LINE answered ${response.status}`);
      }
    }),
  );
  const ms = performance.now() - started;
  await line.close();
  return { ms, requests: requestCount, messages: requestCount * perRequest };
}

async function throughChannel(total: number, personalised: boolean) {
  const line = await startLocalLineServer();
  const channel = createLineChannel({
    baseUrl: line.url,
    credentials: async () => ({ accessToken: LOCAL_LINE_ACCESS_TOKEN }),
    requestsPerSecond: 2_000,
  });
  const deliveries = lineDeliveries(total).map((delivery, i) =>
    personalised
      ? { ...delivery, message: { ...delivery.message, title: `${delivery.message.title} (${i})` } }
      : delivery,
  );
  const batches: (typeof deliveries)[] = [];
  for (let i = 0; i < deliveries.length; i += channel.maxBatch) batches.push(deliveries.slice(i, i + channel.maxBatch));
  const before = line.requests.length;
  let next = 0;
  let delivered = 0;
  let failed = 0;
  const started = performance.now();
  // Like several pipeline workers, each sending one claimed batch at a time.
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length) {
        const batch = batches[next++]!;
        for (const outcome of await channel.send(batch)) {
          if (outcome.status === 'delivered') delivered++;
          else failed++;
        }
      }
    }),
  );
  const ms = performance.now() - started;
  const received = line.received();
  const distinct = new Set(received.map((message) => message.userId)).size;
  await line.close();
  return {
    ms,
    requests: line.requests.length - before,
    delivered,
    failed,
    duplicates: received.length - distinct,
    lost: total - distinct,
  };
}

const raw = await rawServer(perRequest, requestCount);
const rawSingle = await rawServer(1, personalMessages);
const channel = await throughChannel(totalMessages, false);
const personal = await throughChannel(personalMessages, true);
console.log(
  `local LINE benchmark (shared machine, 2 cores), ${totalMessages.toLocaleString('en-US')} messages, concurrency ${concurrency}`,
);
console.log(
  `raw server:   ${rate(raw.requests, raw.ms)} multicast requests/s, ${rate(raw.messages, raw.ms)} messages/s (${Math.round(raw.ms)} ms)`,
);
console.log(
  `raw server, 1 recipient each: ${rate(rawSingle.requests, rawSingle.ms)} requests/s (${Math.round(rawSingle.ms)} ms)`,
);
console.log(
  `LINE channel, shared text: ${rate(channel.requests, channel.ms)} multicast requests/s, ${rate(channel.delivered, channel.ms)} messages/s (${Math.round(channel.ms)} ms); delivered ${channel.delivered}, failed ${channel.failed}, duplicates ${channel.duplicates}, lost ${channel.lost}`,
);
console.log(
  `LINE channel, personalised (${personalMessages.toLocaleString('en-US')} distinct texts): ${rate(personal.requests, personal.ms)} requests/s, ${rate(personal.delivered, personal.ms)} messages/s (${Math.round(personal.ms)} ms); delivered ${personal.delivered}, failed ${personal.failed}, duplicates ${personal.duplicates}, lost ${personal.lost}`,
);
console.log(
  `load average: ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' ')}`,
);
