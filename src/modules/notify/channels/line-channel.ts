import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Channel, DeliveryOutcome, OutgoingDelivery, RenderedMessage } from './channel.ts';
import {
  delivered,
  errorText,
  mapConcurrent,
  parseRetryAfter,
  permanentFailure,
  temporaryFailure,
  wrongAddress,
} from './outcomes.ts';
import { KeyedRateLimiter, type TokenBucket } from './rate-limiter.ts';
import { lineRetryKey } from './retry-key.ts';
import { truncateUtf16 } from './text-limits.ts';

/** LINE's published limits for a multicast: 500 user ids per request, 5,000 characters per text message. */
export const LINE_MULTICAST_MAX_RECIPIENTS = 500;
export const LINE_TEXT_MAX_CHARS = 5_000;
const DEFAULT_LINE_CONCURRENCY = 32;

export interface LineChannelOptions {
  /** https://api.line.me in production; the local LINE server's url in demo mode and tests. */
  baseUrl: string;
  /** The channel access token of one LINE channel (one per municipality), looked up when a batch goes out. */
  credentials: (lineChannelId: string) => Promise<{ accessToken: string }>;
  /** Per LINE channel (LINE counts its limits per channel); LINE's default is 2,000 requests/s. */
  requestsPerSecond: number;
  /** A request that has not answered by then counts as a temporary failure; its retry key makes a resend safe. */
  timeoutMs?: number;
  /**
   * Requests of one send() in flight at once (default 32). Every digest text is personal, so a batch of 500 is 500
   * requests: with a handful in flight the lane waits on round trips, not on LINE's rate limit. The token bucket
   * still caps the rate per LINE channel.
   */
  concurrency?: number;
}

type LineDelivery = OutgoingDelivery & { address: { channel: 'line'; lineChannelId: string; userId: string } };

interface Multicast {
  lineChannelId: string;
  text: string;
  deliveries: LineDelivery[];
}

/** The text a parent reads in LINE: title, body and the link to the full message, within LINE's 5,000 characters. */
export function lineText(message: RenderedMessage): string {
  const title = truncateUtf16(message.title, 200);
  const fixed = `${title}\n\n\n\n${message.url}`.length;
  const body = truncateUtf16(message.body, Math.max(0, LINE_TEXT_MAX_CHARS - fixed));
  return truncateUtf16(`${title}\n\n${body}\n\n${message.url}`, LINE_TEXT_MAX_CHARS);
}

/**
 * Groups a batch into multicast requests: one LINE channel, identical text, at most 500 users, and never the same
 * user twice in one request (LINE would deliver once and the second delivery would be recorded wrongly). Sorting by
 * idempotency key keeps the split deterministic, so a retried batch gets the same requests and retry keys.
 */
export function planMulticasts(deliveries: readonly LineDelivery[]): Multicast[] {
  const groups = new Map<string, { lineChannelId: string; text: string; deliveries: LineDelivery[] }>();
  for (const delivery of deliveries) {
    const text = lineText(delivery.message);
    const key = `${delivery.address.lineChannelId}\u0000${text}`;
    let group = groups.get(key);
    if (!group) {
      group = { lineChannelId: delivery.address.lineChannelId, text, deliveries: [] };
      groups.set(key, group);
    }
    group.deliveries.push(delivery);
  }
  const requests: Multicast[] = [];
  for (const group of groups.values()) {
    group.deliveries.sort((a, b) => (a.idempotencyKey < b.idempotencyKey ? -1 : 1));
    const open: { users: Set<string>; request: Multicast }[] = [];
    for (const delivery of group.deliveries) {
      let slot = open.find(
        (candidate) =>
          candidate.request.deliveries.length < LINE_MULTICAST_MAX_RECIPIENTS &&
          !candidate.users.has(delivery.address.userId),
      );
      if (!slot) {
        slot = { users: new Set(), request: { lineChannelId: group.lineChannelId, text: group.text, deliveries: [] } };
        open.push(slot);
        requests.push(slot.request);
      }
      slot.users.add(delivery.address.userId);
      slot.request.deliveries.push(delivery);
      // Full requests leave the search list so grouping stays linear for large batches.
      if (slot.request.deliveries.length === LINE_MULTICAST_MAX_RECIPIENTS) open.splice(open.indexOf(slot), 1);
    }
  }
  return requests;
}

/**
 * LINE Messaging API through @line/bot-sdk's MessagingApiClient: multicast text messages, one retry key per request.
 * Failure classes: 2xx delivered; 409 (retry key already accepted) delivered; 429 temporary with Retry-After; 5xx,
 * network errors and timeouts temporary; 401/403 temporary naming the credential problem; 400 permanent, except that
 * recipients LINE names as invalid (`to[i]`) are permanent with disableEndpoint and the others are resent without them.
 */
export function createLineChannel(options: LineChannelOptions): Channel {
  const limiter = new KeyedRateLimiter({ perSecond: options.requestsPerSecond });
  const clients = new Map<string, messagingApi.MessagingApiClient>();
  const timeoutMs = options.timeoutMs ?? 30_000;

  function clientFor(accessToken: string) {
    let client = clients.get(accessToken);
    if (!client) {
      client = new messagingApi.MessagingApiClient({ channelAccessToken: accessToken, baseURL: options.baseUrl });
      clients.set(accessToken, client);
    }
    return client;
  }

  async function sendMulticast(request: Multicast, accessToken: string): Promise<DeliveryOutcome[]> {
    const bucket = limiter.bucket(request.lineChannelId);
    await bucket.take();
    const retryKey = lineRetryKey(request.deliveries.map((delivery) => delivery.idempotencyKey));
    const client = clientFor(accessToken);
    try {
      const response = await withTimeout(
        client.multicastWithHttpInfo(
          {
            to: request.deliveries.map((delivery) => delivery.address.userId),
            messages: [{ type: 'text', text: request.text }],
          },
          retryKey,
        ),
        timeoutMs,
      );
      const requestId = response.httpResponse.headers.get('x-line-request-id') ?? undefined;
      return request.deliveries.map((delivery) => delivered(delivery, requestId));
    } catch (error) {
      return classifyFailure(error, request, bucket);
    }
  }

  return {
    name: 'line',
    maxBatch: LINE_MULTICAST_MAX_RECIPIENTS,
    async send(batch) {
      const outcomes: DeliveryOutcome[] = [];
      const lineDeliveries: LineDelivery[] = [];
      for (const delivery of batch) {
        if (delivery.address.channel === 'line') lineDeliveries.push(delivery as LineDelivery);
        else outcomes.push(wrongAddress(delivery, 'line'));
      }
      const tokens = new Map<string, Promise<{ accessToken: string }>>();
      const results = await mapConcurrent(
        planMulticasts(lineDeliveries),
        options.concurrency ?? DEFAULT_LINE_CONCURRENCY,
        async (request) => {
          let token = tokens.get(request.lineChannelId);
          if (!token) {
            token = options.credentials(request.lineChannelId);
            tokens.set(request.lineChannelId, token);
          }
          let accessToken: string;
          try {
            accessToken = (await token).accessToken;
          } catch (error) {
            const reason = `LINE credentials of channel ${request.lineChannelId} are unavailable: ${errorText(error)}`;
            return request.deliveries.map((delivery) => temporaryFailure(delivery, reason));
          }
          return sendMulticast(request, accessToken);
        },
      );
      for (const result of results) outcomes.push(...result);
      return outcomes;
    },
  };
}

function classifyFailure(error: unknown, request: Multicast, bucket: TokenBucket): DeliveryOutcome[] {
  const all = (make: (delivery: LineDelivery) => DeliveryOutcome) => request.deliveries.map(make);
  if (!(error instanceof HTTPFetchError)) {
    const reason = `LINE request failed: ${errorText(error)}`;
    return all((delivery) => temporaryFailure(delivery, reason));
  }
  const status = error.status;
  const detail = `LINE answered ${status}: ${lineMessage(error.body)}`;
  if (status === 409) {
    // The retry key was already accepted: an earlier attempt went out and only its answer was lost.
    const accepted = error.headers.get('x-line-accepted-request-id') ?? undefined;
    return all((delivery) => delivered(delivery, accepted));
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers.get('retry-after'));
    if (retryAfterMs !== undefined) bucket.pauseFor(retryAfterMs);
    return all((delivery) => temporaryFailure(delivery, detail, retryAfterMs));
  }
  if (status === 401 || status === 403) {
    const reason = `LINE rejected the channel access token of channel ${request.lineChannelId} (${status}); fix the channel's credentials, the messages wait until then`;
    return all((delivery) => temporaryFailure(delivery, reason));
  }
  if (status >= 500) return all((delivery) => temporaryFailure(delivery, detail));
  if (status === 400) {
    const invalid = invalidRecipients(error.body);
    if (invalid.size > 0) {
      return request.deliveries.map((delivery, index) =>
        invalid.has(index)
          ? permanentFailure(delivery, `LINE does not accept user id ${delivery.address.userId}: ${detail}`, true)
          : temporaryFailure(delivery, 'LINE refused the request because of other recipients; resend without them', 0),
      );
    }
  }
  return all((delivery) => permanentFailure(delivery, detail));
}

function lineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: string; details?: { message?: string; property?: string }[] };
    const details = (parsed.details ?? []).map((item) => `${item.property ?? ''} ${item.message ?? ''}`.trim());
    return [parsed.message, ...details].filter(Boolean).join('; ') || body.slice(0, 200);
  } catch {
    return body.slice(0, 200);
  }
}

/** Indexes of recipients that a 400 names in its details (`"property": "to[3]"`). */
function invalidRecipients(body: string): Set<number> {
  const indexes = new Set<number>();
  try {
    const parsed = JSON.parse(body) as { details?: { property?: string }[] };
    for (const item of parsed.details ?? []) {
      const match = /^to\[(\d+)\]$/.exec(item.property ?? '');
      if (match) indexes.add(Number(match[1]));
    }
  } catch {
    // Not JSON: nothing names a recipient, so the whole request is refused.
  }
  return indexes;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
