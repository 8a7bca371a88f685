/** What the notify pipeline wires: the channel contract, the four outside channels and their helpers. */
export type {
  Channel,
  ChannelAddress,
  ChannelName,
  DeliveryOutcome,
  OutgoingDelivery,
  RenderedMessage,
} from './channel.ts';
export { createEmailChannel, type EmailChannelOptions, emailMessageId } from './email-channel.ts';
export {
  createLineChannel,
  LINE_MULTICAST_MAX_RECIPIENTS,
  LINE_TEXT_MAX_CHARS,
  type LineChannelOptions,
  lineText,
} from './line-channel.ts';
export { KeyedRateLimiter, TokenBucket, type TokenBucketOptions } from './rate-limiter.ts';
export { lineRetryKey } from './retry-key.ts';
export {
  createWebPushChannel,
  generateVapidKeys,
  type VapidKeys,
  WEB_PUSH_PAYLOAD_MAX_BYTES,
  type WebPushChannelOptions,
  webPushPayload,
  webPushTopic,
} from './web-push-channel.ts';
export { createWebhookChannel, DEFAULT_WEBHOOK_EVENT_TYPE, type WebhookChannelOptions } from './webhook-channel.ts';
