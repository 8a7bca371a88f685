import type { DeliveryOutcome, OutgoingDelivery } from './channel.ts';

export function delivered(delivery: OutgoingDelivery, providerReference?: string): DeliveryOutcome {
  return providerReference
    ? { deliveryId: delivery.deliveryId, status: 'delivered', providerReference }
    : { deliveryId: delivery.deliveryId, status: 'delivered' };
}

export function temporaryFailure(delivery: OutgoingDelivery, error: string, retryAfterMs?: number): DeliveryOutcome {
  return retryAfterMs === undefined
    ? { deliveryId: delivery.deliveryId, status: 'temporary-failure', error }
    : { deliveryId: delivery.deliveryId, status: 'temporary-failure', error, retryAfterMs };
}

export function permanentFailure(delivery: OutgoingDelivery, error: string, disableEndpoint = false): DeliveryOutcome {
  return { deliveryId: delivery.deliveryId, status: 'permanent-failure', error, disableEndpoint };
}

/** A delivery handed to the wrong channel is a bug in routing, not something a retry fixes. */
export function wrongAddress(delivery: OutgoingDelivery, expected: string): DeliveryOutcome {
  return permanentFailure(delivery, `address is for channel ${delivery.address.channel}, not ${expected}`);
}

/**
 * Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). Returns milliseconds from now, or
 * undefined when the header is missing or unreadable (the pipeline then uses its own backoff).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

/** Runs `work` over `items` with at most `limit` in flight; results keep the input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>) {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}
