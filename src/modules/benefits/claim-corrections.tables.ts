import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../municipalities/municipalities.tables.ts';
import { benefitApplications, benefitClaims } from './benefits.tables.ts';

/** The account fields a correction can replace, as stored on benefit_applications. */
export interface CorrectedAccount {
  source: 'public-receipt' | 'manual';
  bankCode: string;
  branchCode: string;
  accountType: '1' | '2' | '4';
  accountNumber: string;
  holderKana: string;
}

/**
 * What the parent changed when resubmitting a claim after a fix request (要修正 → 再提出): the account before and
 * after (when the account was corrected) and the parent's note to the reviewer. The application row carries the
 * account in force; this table keeps what it was, because the signed application document still names the old one
 * and the reviewer must see why they differ. Append-only by use; one row per resubmission.
 */
export const benefitClaimCorrections = pgTable(
  'benefit_claim_corrections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => benefitClaims.id),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => benefitApplications.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    parentId: text('parent_id').notNull(),
    /** The staff's reason the parent answered (the claim's status reason at 要修正). */
    fixReason: text('fix_reason'),
    previousAccount: jsonb('previous_account').$type<CorrectedAccount>(),
    newAccount: jsonb('new_account').$type<CorrectedAccount>(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('benefit_claim_corrections_claim_idx').on(t.claimId, t.createdAt),
    // A resubmission that corrects nothing and says nothing gives the reviewer nothing to look at.
    check('benefit_claim_corrections_something_check', sql`${t.newAccount} is not null or ${t.note} is not null`),
  ],
);
