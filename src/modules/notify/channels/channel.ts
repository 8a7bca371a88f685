/**
 * The contract between notify's delivery pipeline and each outside channel (LINE, Web Push, e-mail, partner webhooks).
 *
 * The pipeline owns the ledger: it decides what to send, claims deliveries, and records outcomes. A channel only
 * turns a batch of rendered messages into requests through its real client library and classifies what came back,
 * so retries, quiet hours and rate limits stay in one place.
 */

export type ChannelName = 'line' | 'web-push' | 'email' | 'webhook';

/** What the parent reads; already rendered from a template in the parent's language. */
export interface RenderedMessage {
  title: string;
  /** Plain text body (LINE text, push body, e-mail text part). */
  body: string;
  /** Absolute URL of the message in the parent web (inbox entry). */
  url: string;
  /** Absolute one-click unsubscribe URL for the message's category (RFC 8058 for e-mail). */
  unsubscribeUrl: string;
  language: 'ja' | 'en';
}

/** Where one delivery goes. The shape depends on the channel. */
export type ChannelAddress =
  | { channel: 'line'; lineChannelId: string; userId: string }
  | { channel: 'web-push'; subscription: { endpoint: string; keys: { p256dh: string; auth: string } } }
  | { channel: 'email'; to: string }
  | { channel: 'webhook'; url: string; secret: string };

export interface OutgoingDelivery {
  /** The ledger row's id; echoed in every outcome. */
  deliveryId: string;
  /**
   * Stable across retries of the same delivery: derived from (recipient, source, occurrence, channel). Sent as
   * X-Line-Retry-Key (a UUID), the Standard Webhooks `webhook-id`, the e-mail Message-ID, and the Web Push Topic.
   */
  idempotencyKey: string;
  address: ChannelAddress;
  message: RenderedMessage;
  urgent: boolean;
  /** Event payload for partner webhooks (type + data); other channels ignore it. */
  webhookEvent?: { type: string; data: unknown };
}

export type DeliveryOutcome =
  | { deliveryId: string; status: 'delivered'; providerReference?: string }
  | {
      deliveryId: string;
      status: 'temporary-failure';
      error: string;
      /** From Retry-After or the provider's hint; the pipeline otherwise uses its own backoff. */
      retryAfterMs?: number;
    }
  | {
      deliveryId: string;
      status: 'permanent-failure';
      error: string;
      /** True when the endpoint itself is gone (Web Push 404/410, blocked LINE user): the pipeline disables it. */
      disableEndpoint: boolean;
    };

export interface Channel {
  readonly name: ChannelName;
  /** Largest batch one send call accepts (LINE multicast: 500 recipients sharing one message). */
  readonly maxBatch: number;
  /**
   * Sends a batch and returns exactly one outcome per delivery, in any order. Must not throw for provider errors:
   * a network error or 5xx is a temporary failure, invalid credentials (401/403) a temporary failure that names the
   * credential problem (the operator fixes it and the messages go out then), a malformed request a permanent failure.
   */
  send(batch: readonly OutgoingDelivery[]): Promise<DeliveryOutcome[]>;
  close?(): Promise<void>;
}
