import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { ExternalChannel } from '../notify.tables.ts';

declare module '../../../platform/jobs/job-registry.ts' {
  interface JobPayloads {
    /** Drains one channel's due ledger rows; `lane` lets several workers drain one channel side by side. */
    'notify.send': { channel: ExternalChannel; lane?: number };
  }
}

/**
 * Makes sure a send job will run for every channel that has ledger rows waiting, at the time the earliest one is due.
 * The queue uses pg-boss's `short` policy (at most one QUEUED job per singleton key), so calling this after every
 * write costs one insert that is usually refused, and a burst of writes still leads to one job per channel.
 */
export async function enqueueDueSends(
  services: AppServices,
  tx: DbOrTx,
  options: { lanes?: number; firstLane?: number; channel?: ExternalChannel } = {},
): Promise<void> {
  const due = await tx.execute<{ channel: ExternalChannel; due_at: Date | string }>(sql`
    select channel, min(case when status = 'sending' then sending_since + make_interval(secs => ${services.config.notify.sendLeaseSeconds})
                             else next_attempt_at end) as due_at
      from notify_deliveries
     where status in ('created', 'temporary-failure', 'sending') and channel <> 'inbox'
       and (${options.channel ?? null}::text is null or channel = ${options.channel ?? null})
     group by channel`);
  for (const row of due.rows) {
    await enqueueSend(services, tx, row.channel, new Date(row.due_at), options.lanes ?? 1, options.firstLane ?? 0);
  }
}

export async function enqueueSend(
  services: AppServices,
  tx: DbOrTx,
  channel: ExternalChannel,
  dueAt: Date,
  lanes = 1,
  firstLane = 0,
): Promise<void> {
  const now = services.now();
  const deferred = dueAt.getTime() > now.getTime() + 1000;
  for (let lane = firstLane; lane < firstLane + lanes; lane++) {
    // A deferred job is keyed by its minute so it does not block the immediate one (and vice versa).
    const key = deferred ? `${channel}:${lane}:${dueAt.toISOString().slice(0, 16)}` : `${channel}:${lane}`;
    await services.jobs.enqueue(
      tx,
      'notify.send',
      { channel, lane },
      { singletonKey: key, ...(deferred ? { startAfter: dueAt } : {}) },
    );
  }
}
