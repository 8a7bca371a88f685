import type { ChannelAddress, OutgoingDelivery, RenderedMessage } from './channel.ts';

/** Test and benchmark helpers: well-formed deliveries without a database. */
export function lineUserId(n: number): string {
  return `U${n.toString(16).padStart(32, '0')}`;
}

export function renderedMessage(overrides: Partial<RenderedMessage> = {}): RenderedMessage {
  return {
    title: '3か月児健康診査のお知らせ',
    body: '江戸川区の3か月児健康診査の時期になりました。日程と会場はお知らせをご覧ください。',
    url: 'https://tsunagu.example/inbox/messages/1',
    unsubscribeUrl: 'https://tsunagu.example/notify/unsubscribe/tok',
    language: 'ja',
    ...overrides,
  };
}

export function delivery(
  n: number,
  address: ChannelAddress,
  overrides: Partial<Omit<OutgoingDelivery, 'address'>> = {},
): OutgoingDelivery {
  return {
    deliveryId: `delivery-${n}`,
    idempotencyKey: `recipient-${n}:digest:2026-11:${address.channel}`,
    address,
    message: renderedMessage(),
    urgent: false,
    ...overrides,
  };
}

export function lineDeliveries(count: number, lineChannelId = '131237', from = 0): OutgoingDelivery[] {
  return Array.from({ length: count }, (_, i) =>
    delivery(from + i, { channel: 'line', lineChannelId, userId: lineUserId(from + i) }),
  );
}
