import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const AUDIT_OUTCOMES = ['success', 'denied', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE, so not even a bug or a careless
 * operator with the app's credentials can rewrite who looked at a child's record.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    municipalityCode: text('municipality_code'),
    purpose: text('purpose').notNull(),
    outcome: text('outcome').$type<AuditOutcome>().notNull(),
    requestId: text('request_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
  },
  (t) => [
    check('audit_events_outcome_check', sql`${t.outcome} in ('success', 'denied', 'failure')`),
    index('audit_events_resource_idx').on(t.resourceType, t.resourceId, t.occurredAt),
    index('audit_events_municipality_idx').on(t.municipalityCode, t.occurredAt),
    index('audit_events_actor_idx').on(t.actorType, t.actorId, t.occurredAt),
  ],
);
