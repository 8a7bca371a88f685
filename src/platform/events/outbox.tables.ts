import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Every domain event, written in the same transaction as the change that raised it. The delivery to each subscriber
 * is a queue job enqueued in that same transaction, so an event exists exactly when its change does.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    municipalityCode: text('municipality_code'),
    payload: jsonb('payload').notNull(),
    subscribers: text('subscribers').array().notNull(),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('outbox_events_type_idx').on(t.type, t.id)],
);
