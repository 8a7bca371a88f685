import type { Queue } from 'pg-boss';
import { defineJob } from '../../../platform/jobs/job-registry.ts';
import type { DeliveryOutcome, OutgoingDelivery } from '../channels/channel.ts';
import { firstBatchLimit, nextBatchLimit } from '../delivery/batch-size.ts';
import { channelsOf } from '../delivery/channel-set.ts';
import { channelAddress, claimDeliveries, renderedMessage } from '../delivery/claim-deliveries.ts';
import { deploymentKeys, signUnsubscribe } from '../delivery/deployment-keys.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { recordOutcomes } from '../delivery/record-outcomes.ts';

/** A job hands the channel back to the queue after this long, so one job never outlives its lease. */
const JOB_BUDGET_MS = 30_000;

// `short`: at most one QUEUED job per singleton key (see enqueue-sends.ts). The heartbeat lets pg-boss fail and retry
// a job whose worker was killed within about a minute instead of waiting for the expiry.
const SEND_QUEUE = {
  policy: 'short',
  heartbeatSeconds: 10,
  expireInSeconds: 120,
  retryLimit: 20,
  retryDelay: 2,
} satisfies Omit<Queue, 'name'>;

/**
 * Drains due ledger rows of one channel: claim (committed) → send through the channel's client → record outcomes.
 * A crash between claim and record leaves rows `sending`; after the lease they are re-sent as the same batch with the
 * same idempotency keys (see claim-deliveries.ts), which the provider deduplicates.
 */
export const sendDeliveriesJob = defineJob({
  name: 'notify.send',
  queue: SEND_QUEUE,
  async handle(services, { channel: name, lane = 0 }) {
    const channel = (await channelsOf(services))[name];
    if (!channel) {
      services.log.warn({ channel: name }, 'notify channel not configured; its deliveries wait');
      return;
    }
    const { notify, baseUrl } = services.config;
    const keys = await deploymentKeys(services.db);
    const started = Date.now();
    const maxBatch = Math.min(channel.maxBatch, notify.sendBatch);
    let limit = firstBatchLimit(maxBatch);
    // Recording batch N overlaps claiming and sending batch N+1 (the rows are already sent; the record only touches
    // rows still `sending` under N's batch id). The next claim is NOT taken ahead of time: a claimed batch starts its
    // lease, and one that waited behind another would come closer to being taken back as stale.
    let recording: Promise<Settled<void>> = Promise.resolve({ ok: true, value: undefined });
    while (Date.now() - started < JOB_BUDGET_MS) {
      const batch = await claimDeliveries(services.db, name, limit, services.now(), notify.sendLeaseSeconds);
      if (batch.length === 0) break;
      const sendStarted = performance.now();
      const outgoing: OutgoingDelivery[] = batch.map((d) => ({
        deliveryId: d.id,
        idempotencyKey: d.idempotencyKey,
        address: channelAddress(d),
        message: renderedMessage(
          d,
          baseUrl,
          `${baseUrl}/notify/unsubscribe/${signUnsubscribe(keys.linkSigningKey, d.parentId, d.category)}`,
        ),
        urgent: d.urgent,
        webhookEvent: { type: `notify.${d.source}`, data: { messageId: d.messageId, title: d.title, body: d.body } },
      }));
      let outcomes: DeliveryOutcome[];
      try {
        outcomes = await channel.send(outgoing);
      } catch (error) {
        // The contract says send() does not throw for provider errors; if it does anyway, nothing is known to have
        // gone out, and the same batch is retried under its idempotency keys.
        outcomes = batch.map((d) => ({ deliveryId: d.id, status: 'temporary-failure', error: String(error) }));
      }
      const answered = new Set(outcomes.map((o) => o.deliveryId));
      for (const d of batch) {
        if (!answered.has(d.id)) {
          outcomes.push({ deliveryId: d.id, status: 'temporary-failure', error: 'channel returned no outcome' });
        }
      }
      unwrap(await recording);
      recording = settled(recordOutcomes(services.db, batch, outcomes, services.now(), notify));
      limit = nextBatchLimit(batch.length, performance.now() - sendStarted, notify.sendLeaseSeconds, maxBatch);
    }
    unwrap(await recording);
    // Keep this lane going while work is left (now, at the next retry, or when a dead worker's lease ends).
    await enqueueDueSends(services, services.db, { channel: name, firstLane: lane });
  },
});

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** A promise that is awaited later must not reject unobserved in the meantime (Node ends the process on that). */
function settled<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

function unwrap<T>(result: Settled<T>): T {
  if (!result.ok) throw result.error;
  return result.value;
}
