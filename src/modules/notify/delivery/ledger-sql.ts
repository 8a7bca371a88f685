import { idempotencyKeySql } from './idempotency-key.ts';

/**
 * The ledger rows for freshly inserted messages, as one INSERT … SELECT over a relation of notify_messages rows
 * (a CTE named by `inserted`). Every message gets its inbox row (delivered on the spot: the inbox is the message)
 * and one `created` row per active endpoint on a channel the parent keeps on. Quiet hours set next_attempt_at,
 * except for urgent messages. `now` is a bound parameter placeholder such as `$1`.
 */
export function deliveriesForInsertedMessagesSql(inserted: string, now: string): string {
  const key = (endpoint: string) => idempotencyKeySql('m.parent_id', 'm.source', 'm.occurrence', endpoint);
  return `insert into notify_deliveries
      (message_id, parent_id, household_id, municipality_code, channel, endpoint_id, idempotency_key, status,
       next_attempt_at, delivered_at)
    select m.id, m.parent_id, m.household_id, m.municipality_code, 'inbox', null, ${key("'inbox'")}, 'delivered',
           ${now}, ${now}
      from ${inserted} m
    union all
    select m.id, m.parent_id, m.household_id, m.municipality_code, e.channel, e.id,
           ${key("e.channel || ':' || e.address_key")}, 'created',
           case when m.urgent then ${now}
                else notify_quiet_release(${now}, coalesce(p.quiet_start_minute, 1260), coalesce(p.quiet_end_minute, 480))
           end,
           null
      from ${inserted} m
      join notify_endpoints e on e.parent_id = m.parent_id and e.status = 'active'
      left join notify_preferences p on p.parent_id = m.parent_id
     where e.channel = any(coalesce(p.channels, '{line,web-push,email}'::text[]))
    on conflict (idempotency_key) do nothing`;
}
