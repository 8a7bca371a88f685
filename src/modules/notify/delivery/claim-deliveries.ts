import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.ts';
import type { ChannelAddress, RenderedMessage } from '../channels/channel.ts';
import type { ExternalChannel } from '../notify.tables.ts';

export interface ClaimedDelivery {
  id: string;
  idempotencyKey: string;
  batchId: string;
  attempts: number;
  messageId: string;
  endpointId: string;
  endpointChannel: ExternalChannel;
  address: Record<string, unknown>;
  addressKey: string;
  urgent: boolean;
  category: string;
  parentId: string;
  title: string;
  body: string;
  language: 'ja' | 'en';
  source: string;
}

const RETURNING = `d.id, d.idempotency_key, d.batch_id, d.attempts, d.message_id, d.endpoint_id, d.parent_id,
  e.channel as endpoint_channel, e.address, e.address_key, m.urgent, m.category, m.title, m.body, m.language, m.source`;

/**
 * Claims work for one channel and commits the claim before anything is sent, so the ledger always says what might be
 * in flight. First a batch whose worker died (status `sending` older than the lease) is taken back AS THE SAME BATCH
 * — same rows, same batch id, same idempotency keys — so LINE sees the same X-Line-Retry-Key and answers 409 for
 * what it already has; otherwise up to `limit` due rows are claimed with FOR UPDATE SKIP LOCKED under a new batch id.
 * Each claim is one conditional UPDATE: two workers can never both hold a row.
 */
export async function claimDeliveries(
  db: Db,
  channel: ExternalChannel,
  limit: number,
  now: Date,
  leaseSeconds: number,
): Promise<ClaimedDelivery[]> {
  const stale = await db.transaction(async (tx) => {
    const candidates = await tx.execute<{ batch_id: string }>(sql`
      select distinct batch_id from notify_deliveries
       where channel = ${channel} and status = 'sending'
         and sending_since < ${now}::timestamptz - make_interval(secs => ${leaseSeconds})
       limit 8`);
    for (const { batch_id: staleBatch } of candidates.rows) {
      // One reclaimer per batch: the advisory lock ends with this transaction, the conditional update keeps a batch
      // that another worker took back a moment ago (its sending_since is fresh again) out of our hands.
      const locked = await tx.execute<{ ok: boolean }>(
        sql`select pg_try_advisory_xact_lock(hashtextextended(${staleBatch}, 0)) as ok`,
      );
      if (!locked.rows[0]?.ok) continue;
      const taken = await tx.execute(sql`
        with taken as (
          update notify_deliveries d set sending_since = ${now}, attempts = d.attempts + 1
           where d.batch_id = ${staleBatch} and d.status = 'sending'
             and d.sending_since < ${now}::timestamptz - make_interval(secs => ${leaseSeconds})
          returning d.*
        )
        select ${sql.raw(RETURNING)} from taken d
          join notify_endpoints e on e.id = d.endpoint_id join notify_messages m on m.id = d.message_id`);
      if (taken.rows.length > 0) return taken.rows;
    }
    return [];
  });
  if (stale.length > 0) return stale.map(toClaimed);

  const batchId = randomUUID();
  const fresh = await db.execute(sql`
    with picked as (
      select id from notify_deliveries
       where channel = ${channel} and status in ('created', 'temporary-failure') and next_attempt_at <= ${now}
       order by next_attempt_at
       limit ${limit} for update skip locked
    ), taken as (
      update notify_deliveries d
         set status = 'sending', batch_id = ${batchId}, sending_since = ${now}, attempts = d.attempts + 1
        from picked where d.id = picked.id
      returning d.*
    )
    select ${sql.raw(RETURNING)} from taken d
      join notify_endpoints e on e.id = d.endpoint_id join notify_messages m on m.id = d.message_id`);
  return fresh.rows.map(toClaimed);
}

function toClaimed(row: Record<string, unknown>): ClaimedDelivery {
  return {
    id: row.id as string,
    idempotencyKey: row.idempotency_key as string,
    batchId: row.batch_id as string,
    attempts: Number(row.attempts),
    messageId: row.message_id as string,
    endpointId: row.endpoint_id as string,
    endpointChannel: row.endpoint_channel as ExternalChannel,
    address: row.address as Record<string, unknown>,
    addressKey: row.address_key as string,
    urgent: Boolean(row.urgent),
    category: row.category as string,
    parentId: row.parent_id as string,
    title: row.title as string,
    body: row.body as string,
    language: row.language as 'ja' | 'en',
    source: row.source as string,
  };
}

/** The endpoint's stored address as the channel contract's ChannelAddress. */
export function channelAddress(delivery: ClaimedDelivery): ChannelAddress {
  const a = delivery.address;
  switch (delivery.endpointChannel) {
    case 'line':
      return { channel: 'line', lineChannelId: String(a.lineChannelId), userId: delivery.addressKey };
    case 'web-push':
      return {
        channel: 'web-push',
        subscription: { endpoint: delivery.addressKey, keys: a.keys as { p256dh: string; auth: string } },
      };
    case 'email':
      return { channel: 'email', to: delivery.addressKey };
    case 'webhook':
      return { channel: 'webhook', url: delivery.addressKey, secret: String(a.secret) };
  }
}

export function renderedMessage(delivery: ClaimedDelivery, baseUrl: string, unsubscribeUrl: string): RenderedMessage {
  return {
    title: delivery.title,
    body: delivery.body,
    // The tracked link: /notify/open records this delivery's first open, then shows the message (notify-features).
    url: `${baseUrl}/notify/open/${delivery.id}`,
    unsubscribeUrl,
    language: delivery.language,
  };
}
