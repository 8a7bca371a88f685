import { createHash } from 'node:crypto';
import type { Agent } from 'node:https';
import webpush from 'web-push';
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
import { truncateToFit, truncateUtf16 } from './text-limits.ts';

// web-push is CommonJS: take the class from the default export rather than rely on named-export detection.
const { WebPushError } = webpush;

/**
 * Push services accept about 4 KB of encrypted payload; the aes128gcm record adds its header, padding delimiter and
 * tag (86 bytes and more), so the JSON stays within 3,000 bytes to be safe with every browser vendor's service.
 */
export const WEB_PUSH_PAYLOAD_MAX_BYTES = 3_000;

export interface VapidKeys {
  /** URL-safe base64 of the uncompressed P-256 public key (65 bytes); the browser subscribes with it. */
  publicKey: string;
  /** URL-safe base64 of the 32-byte private key; a deployment secret. */
  privateKey: string;
}

export interface WebPushChannelOptions {
  /** subject: a mailto: or https: contact the push service can reach the operator at (RFC 8292). */
  vapid: VapidKeys & { subject: string };
  /** How long the push service keeps an undelivered message while the device is offline. */
  ttlSeconds: number;
  /** Only for a push service with a private CA (the tests' local push service); browsers' services use public CAs. */
  agent?: Agent;
  timeoutMs?: number;
  concurrency?: number;
}

/** A new VAPID key pair; generated once per deployment and kept, since every subscription is bound to the public key. */
export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}

/** The JSON the service worker shows: title, body and the url opened on click; the body is cut to fit the budget. */
export function webPushPayload(message: RenderedMessage): string {
  const title = truncateUtf16(message.title, 200);
  const encode = (body: string) => JSON.stringify({ title, body, url: message.url });
  const body = truncateToFit(
    message.body,
    (candidate) => Buffer.byteLength(encode(candidate)) <= WEB_PUSH_PAYLOAD_MAX_BYTES,
  );
  return encode(body);
}

/** Topic (RFC 8030 §5.4): at most 32 URL-safe base64 characters; a resent message replaces the queued copy. */
export function webPushTopic(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('base64url').slice(0, 32);
}

function base64UrlLength(value: string): number {
  return /^[A-Za-z0-9_-]+=*$/.test(value) ? Buffer.from(value, 'base64url').length : -1;
}

/** A subscription the browser could never have produced: sending can never work, so the endpoint is disabled. */
function subscriptionProblem(subscription: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  let endpoint: URL;
  try {
    endpoint = new URL(subscription.endpoint);
  } catch {
    return 'endpoint is not a URL';
  }
  if (endpoint.protocol !== 'https:') return 'endpoint is not https';
  if (base64UrlLength(subscription.keys.p256dh) !== 65) return 'p256dh is not a 65-byte P-256 public key';
  if (base64UrlLength(subscription.keys.auth) !== 16) return 'auth is not a 16-byte secret';
  return undefined;
}

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm payload encryption (RFC 8291) through `web-push`.
 * Failure classes: 201/202 delivered; 404/410 permanent and disables the subscription (the browser dropped it);
 * 413 permanent (payload too large, which webPushPayload prevents); 429 temporary with Retry-After; 401/403
 * temporary naming the VAPID keys (the operator fixes them); other 4xx permanent; 5xx and network errors temporary.
 */
export function createWebPushChannel(options: WebPushChannelOptions): Channel {
  const { subject, publicKey, privateKey } = options.vapid;
  // Fail at startup, not per message, when the deployment's VAPID details are malformed.
  webpush.getVapidHeaders('https://push.example', subject, publicKey, privateKey, 'aes128gcm');

  async function push(delivery: OutgoingDelivery): Promise<DeliveryOutcome> {
    if (delivery.address.channel !== 'web-push') return wrongAddress(delivery, 'web-push');
    const { subscription } = delivery.address;
    const problem = subscriptionProblem(subscription);
    if (problem) return permanentFailure(delivery, `invalid push subscription: ${problem}`, true);
    try {
      const result = await webpush.sendNotification(subscription, webPushPayload(delivery.message), {
        vapidDetails: { subject, publicKey, privateKey },
        TTL: options.ttlSeconds,
        urgency: delivery.urgent ? 'high' : 'normal',
        topic: webPushTopic(delivery.idempotencyKey),
        contentEncoding: 'aes128gcm',
        timeout: options.timeoutMs ?? 30_000,
        ...(options.agent ? { agent: options.agent } : {}),
      });
      const location = result.headers.location;
      return delivered(delivery, typeof location === 'string' ? location : undefined);
    } catch (error) {
      if (!(error instanceof WebPushError)) {
        return temporaryFailure(delivery, `push service request failed: ${errorText(error)}`);
      }
      const status = error.statusCode;
      const detail = `push service answered ${status}${error.body ? `: ${error.body.slice(0, 200)}` : ''}`;
      if (status === 404 || status === 410) return permanentFailure(delivery, `${detail} (subscription gone)`, true);
      if (status === 413) return permanentFailure(delivery, `${detail} (payload too large)`);
      if (status === 429 || status >= 500) {
        const retryAfter = error.headers['retry-after'];
        return temporaryFailure(
          delivery,
          detail,
          parseRetryAfter(typeof retryAfter === 'string' ? retryAfter : undefined),
        );
      }
      if (status === 401 || status === 403) {
        return temporaryFailure(
          delivery,
          `the push service refused the VAPID credentials; check the VAPID keys (${detail})`,
        );
      }
      return permanentFailure(delivery, detail);
    }
  }

  return {
    name: 'web-push',
    maxBatch: 100,
    send: (batch) => mapConcurrent(batch, options.concurrency ?? 16, push),
  };
}
