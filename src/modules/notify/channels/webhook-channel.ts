import { Webhook } from 'standardwebhooks';
import type { Channel, DeliveryOutcome, OutgoingDelivery } from './channel.ts';
import {
  delivered,
  errorText,
  mapConcurrent,
  parseRetryAfter,
  permanentFailure,
  temporaryFailure,
  wrongAddress,
} from './outcomes.ts';

export interface WebhookChannelOptions {
  /** A partner endpoint that has not answered by then is a temporary failure (the same webhook-id is resent). */
  timeoutMs: number;
  /** Requests in flight at once within one send(). */
  concurrency?: number;
  /** Clock for webhook-timestamp; injectable for tests. */
  now?: () => Date;
}

/** The event a partner app receives when no other module supplied one: the message itself. */
export const DEFAULT_WEBHOOK_EVENT_TYPE = 'notify.message';

/**
 * Partner-app webhooks signed as Standard Webhooks prescribes (`standardwebhooks`): webhook-id is the delivery's
 * idempotency key, so a partner that already processed a resent delivery recognises it; webhook-signature is
 * `v1,<HMAC-SHA256>` with the endpoint's `whsec_` secret over `id.timestamp.body`.
 * Failure classes: 2xx delivered; 410 permanent and disables the endpoint; 408 and 429 temporary (the spec's
 * "try later"); other 3xx/4xx permanent (redirects are not followed, so a moved endpoint is fixed by its owner);
 * 5xx, network errors and timeouts temporary.
 */
export function createWebhookChannel(options: WebhookChannelOptions): Channel {
  const now = options.now ?? (() => new Date());

  async function post(delivery: OutgoingDelivery): Promise<DeliveryOutcome> {
    if (delivery.address.channel !== 'webhook') return wrongAddress(delivery, 'webhook');
    const { url, secret } = delivery.address;
    let target: URL;
    let signer: Webhook;
    try {
      target = new URL(url);
      if (target.protocol !== 'https:' && target.protocol !== 'http:') throw new Error('not an http(s) URL');
      signer = new Webhook(secret);
    } catch (error) {
      return permanentFailure(delivery, `webhook endpoint is misconfigured: ${errorText(error)}`);
    }
    const sentAt = now();
    const event = delivery.webhookEvent ?? {
      type: DEFAULT_WEBHOOK_EVENT_TYPE,
      data: {
        title: delivery.message.title,
        body: delivery.message.body,
        url: delivery.message.url,
        language: delivery.message.language,
        urgent: delivery.urgent,
      },
    };
    const body = JSON.stringify({ type: event.type, timestamp: sentAt.toISOString(), data: event.data });
    const headers = {
      'content-type': 'application/json',
      'webhook-id': delivery.idempotencyKey,
      'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
      'webhook-signature': signer.sign(delivery.idempotencyKey, sentAt, body),
    };
    let response: Response;
    try {
      response = await fetch(target, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      // The body is not needed; reading it releases the connection back to the pool.
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      return temporaryFailure(delivery, `webhook request failed: ${errorText(error)}`);
    }
    const status = response.status;
    const detail = `webhook endpoint answered ${status}`;
    if (status >= 200 && status < 300) return delivered(delivery, response.headers.get('x-request-id') ?? undefined);
    if (status === 410) return permanentFailure(delivery, `${detail} (gone)`, true);
    if (status === 408 || status === 429) {
      return temporaryFailure(delivery, detail, parseRetryAfter(response.headers.get('retry-after')));
    }
    if (status >= 500) return temporaryFailure(delivery, detail, parseRetryAfter(response.headers.get('retry-after')));
    return permanentFailure(delivery, detail);
  }

  return {
    name: 'webhook',
    maxBatch: 50,
    send: (batch) => mapConcurrent(batch, options.concurrency ?? 8, post),
  };
}
