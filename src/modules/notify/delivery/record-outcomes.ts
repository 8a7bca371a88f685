import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import type { DeliveryOutcome } from '../channels/channel.ts';
import type { ClaimedDelivery } from './claim-deliveries.ts';

/** Exponential backoff with a ceiling; a provider's Retry-After wins when it is later. */
export function retryDelayMs(attempts: number, baseMs: number, retryAfterMs?: number): number {
  const backoff = Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
  return Math.max(backoff, retryAfterMs ?? 0);
}

/**
 * Writes a batch's outcomes in one statement. Only rows still `sending` under this batch id change, so a late
 * answer from a worker whose batch was taken back cannot overwrite the newer attempt's result. A temporary failure
 * past `maxAttempts` becomes permanent (GOV.UK Notify gives up after about 48 tries as well); a retry that would land
 * in the parent's quiet hours waits for their end unless the message is urgent. Permanent failures that say the
 * endpoint is gone disable it, so no later message tries it.
 */
export async function recordOutcomes(
  db: Db,
  batch: readonly ClaimedDelivery[],
  outcomes: readonly DeliveryOutcome[],
  now: Date,
  policy: { maxAttempts: number; retryBaseSeconds: number },
): Promise<void> {
  const { maxAttempts } = policy;
  const byId = new Map(batch.map((d) => [d.id, d]));
  const rows = outcomes
    .filter((o) => byId.has(o.deliveryId))
    .map((o) => {
      const delivery = byId.get(o.deliveryId)!;
      const giveUp = o.status === 'temporary-failure' && delivery.attempts >= maxAttempts;
      return {
        id: o.deliveryId,
        batchId: delivery.batchId,
        status: giveUp ? 'permanent-failure' : o.status,
        error:
          o.status === 'delivered'
            ? null
            : giveUp
              ? `gave up after ${delivery.attempts} attempts: ${o.error}`
              : o.error,
        reference: o.status === 'delivered' ? (o.providerReference ?? null) : null,
        retryAt:
          o.status === 'temporary-failure'
            ? new Date(
                now.getTime() + retryDelayMs(delivery.attempts, policy.retryBaseSeconds * 1000, o.retryAfterMs),
              ).toISOString()
            : now.toISOString(),
        disable: o.status === 'permanent-failure' && o.disableEndpoint ? delivery.endpointId : null,
      };
    });
  if (rows.length === 0) return;
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update notify_deliveries d
         set status = o.status,
             last_error = o.error,
             provider_reference = coalesce(o.reference, d.provider_reference),
             delivered_at = case when o.status = 'delivered' then ${now}::timestamptz else d.delivered_at end,
             next_attempt_at = case when o.status = 'temporary-failure' and not m.urgent
                 then notify_quiet_release(o."retryAt", coalesce(p.quiet_start_minute, 1260), coalesce(p.quiet_end_minute, 480))
                 else o."retryAt" end,
             sending_since = null
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
               as o(id uuid, "batchId" uuid, status text, error text, reference text, "retryAt" timestamptz),
             notify_messages m
        left join notify_preferences p on p.parent_id = m.parent_id
       where d.id = o.id and d.batch_id = o."batchId" and d.status = 'sending' and m.id = d.message_id`);
    const disable = [...new Set(rows.map((r) => r.disable).filter((x): x is string => x !== null))];
    if (disable.length > 0) {
      await tx.execute(sql`
        update notify_endpoints set status = 'disabled', disabled_reason = 'provider reported the address gone'
         where id = any(${`{${disable.join(',')}}`}::uuid[])`);
    }
  });
}
