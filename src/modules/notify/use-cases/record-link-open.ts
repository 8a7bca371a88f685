import { sql } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import type { LedgerChannel } from '../notify.tables.ts';

/**
 * A parent followed the link of a Web Push notification, an e-mail or a LINE message: the link carries the delivery
 * (ledger) id, so the open is counted for that channel, once — the first follow sets `opened_at`, later ones
 * change nothing. The id is a random UUID known only to that message's recipient; it records an open and reveals
 * nothing (the message itself still needs the parent's sign-in). Returns where to go, or undefined for an
 * unknown id.
 */
export async function recordLinkOpen(
  services: AppServices,
  input: { deliveryId: string },
): Promise<{ messageId: string; channel: LedgerChannel; firstOpen: boolean } | undefined> {
  const result = await services.db.execute<{ message_id: string; channel: LedgerChannel; first_open: boolean }>(sql`
    with target as (
      select id, message_id, channel, opened_at from notify_deliveries where id = ${input.deliveryId} and channel <> 'inbox'
    ), opened as (
      update notify_deliveries d set opened_at = ${services.now()}
        from target t where d.id = t.id and t.opened_at is null
      returning d.id
    )
    select t.message_id, t.channel, exists (select 1 from opened) as first_open from target t`);
  const row = result.rows[0];
  return row ? { messageId: row.message_id, channel: row.channel, firstOpen: row.first_open } : undefined;
}
