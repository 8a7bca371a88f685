import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../../municipalities/municipalities.tables.ts';
import { benefitClaims } from '../benefits.tables.ts';
import { GIFT_DISPATCH_STATUSES, type GiftDispatchStatus } from './gift-dispatch-status.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/** The 赤ちゃんファースト gift card of one approved claim on its way to the parent (gift-dispatch-status.ts). */
export const benefitGiftDispatches = pgTable(
  'benefit_gift_dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => benefitClaims.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    status: text('status').$type<GiftDispatchStatus>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One card per claim: a second "prepare" finds the first dispatch instead of mailing two cards.
    unique('benefit_gift_dispatches_claim').on(t.claimId),
    index('benefit_gift_dispatches_queue_idx').on(t.municipalityCode, t.status),
    check('benefit_gift_dispatches_status_check', sql`${t.status} in (${inList(GIFT_DISPATCH_STATUSES)})`),
  ],
);

/** Every dispatch status with its time, for the parent's timeline next to the claim's own history. */
export const benefitGiftDispatchHistory = pgTable(
  'benefit_gift_dispatch_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => benefitGiftDispatches.id),
    claimId: uuid('claim_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    fromStatus: text('from_status').$type<GiftDispatchStatus>(),
    toStatus: text('to_status').$type<GiftDispatchStatus>().notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('benefit_gift_dispatch_history_claim_idx').on(t.claimId, t.id),
    check('benefit_gift_dispatch_history_to_check', sql`${t.toStatus} in (${inList(GIFT_DISPATCH_STATUSES)})`),
  ],
);
