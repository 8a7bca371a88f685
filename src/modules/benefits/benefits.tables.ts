import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities } from '../municipalities/municipalities.tables.ts';
import { CLAIM_STATUSES, type ClaimStatus } from './claim-status.ts';
import type { ClaimableBenefit } from './rules/evaluation.ts';

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(', '));

/**
 * One submission by a parent (the once-only application). The idempotency key is the client's: a retried or doubled
 * submission finds the first one instead of opening claims again. Children and parents are opaque ids until the
 * identity module's tables exist. Tenant-owned: municipality_code on every row.
 */
export const benefitApplications = pgTable(
  'benefit_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    parentId: text('parent_id').notNull(),
    /**
     * The applying parent's household (identity's id): what row-level security compares with a parent's scope.
     * Null for applications made with opaque ids before identity existed (the use-case bench, old tests).
     */
    householdId: uuid('household_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** sha256 of the normalised request: the same key with a different body is refused, not silently replayed. */
    requestFingerprint: text('request_fingerprint').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    accountSource: text('account_source').$type<'public-receipt' | 'manual'>().notNull(),
    bankCode: text('bank_code').notNull(),
    branchCode: text('branch_code').notNull(),
    accountType: text('account_type').$type<'1' | '2' | '4'>().notNull(),
    accountNumber: text('account_number').notNull(),
    accountHolderKana: text('account_holder_kana').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * The card signature over the application document (base64 SHA-256 digest, base64 signature, PEM chain), kept
     * so a reviewer can verify it again. Null for applications made before card signing existed (bench, old tests).
     */
    signedDigest: text('signed_digest'),
    signature: text('signature'),
    signerCertificateChain: jsonb('signer_certificate_chain').$type<string[]>(),
    /** The signed document itself (what the parent saw and signed), canonical JSON. */
    signedDocument: text('signed_document'),
  },
  (t) => [
    unique('benefit_applications_idempotency_key').on(t.idempotencyKey),
    index('benefit_applications_parent_idx').on(t.municipalityCode, t.parentId),
    check('benefit_applications_account_source_check', sql`${t.accountSource} in ('public-receipt', 'manual')`),
    check('benefit_applications_account_type_check', sql`${t.accountType} in ('1', '2', '4')`),
    check('benefit_applications_bank_code_check', sql`${t.bankCode} ~ '^[0-9]{4}$'`),
    check('benefit_applications_branch_code_check', sql`${t.branchCode} ~ '^[0-9]{3}$'`),
    check('benefit_applications_account_number_check', sql`${t.accountNumber} ~ '^[0-9]{7}$'`),
  ],
);

/** One claim per benefit per child per fiscal year, whatever number of submissions asked for it. */
export const benefitClaims = pgTable(
  'benefit_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => benefitApplications.id),
    parentId: text('parent_id').notNull(),
    /** The household of the application that opened it (row-level security for parents); null as on the application. */
    householdId: uuid('household_id'),
    childId: text('child_id').notNull(),
    benefitCode: text('benefit_code').$type<ClaimableBenefit>().notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    status: text('status').$type<ClaimStatus>().notNull().default('received'),
    /** Reason the parent reads for 要修正 / 不支給 / a failed transfer. */
    statusReason: text('status_reason'),
    months: jsonb('months').$type<string[]>().notNull(),
    amount: integer('amount').notNull(),
    /** The evaluation (with its dated parameters) the claim was opened on. */
    evaluation: jsonb('evaluation').$type<unknown>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live claim per (child, benefit, fiscal year). A withdrawn (取下げ) claim keeps its row and timeline but
    // releases the key, so the parent can apply again that year; submissions name the same predicate in their
    // ON CONFLICT so PostgreSQL infers this index as the arbiter.
    uniqueIndex('benefit_claims_once_per_child')
      .on(t.childId, t.benefitCode, t.fiscalYear)
      .where(sql`status <> 'withdrawn'`),
    // The same key with withdrawn claims included: a replayed or later application reads the claims it asked for
    // by (child, benefit, fiscal year) whatever their status, which the partial index above cannot answer (without
    // this, every replay scanned the whole table: ≈ 20–30 ms of PostgreSQL at 45,000 claims).
    index('benefit_claims_child_key_idx').on(t.childId, t.benefitCode, t.fiscalYear),
    index('benefit_claims_queue_idx').on(t.municipalityCode, t.status, t.createdAt),
    index('benefit_claims_application_idx').on(t.applicationId),
    index('benefit_claims_parent_idx').on(t.parentId),
    check('benefit_claims_status_check', sql`${t.status} in (${inList(CLAIM_STATUSES)})`),
    check('benefit_claims_benefit_check', sql`${t.benefitCode} in ('018support', 'akachan-first')`),
    check('benefit_claims_amount_check', sql`${t.amount} >= 0`),
  ],
);

/** Every status a claim has been in, for the parent's timeline and the audit of decisions. Append-only by use. */
export const benefitClaimHistory = pgTable(
  'benefit_claim_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => benefitClaims.id),
    municipalityCode: text('municipality_code').notNull(),
    fromStatus: text('from_status').$type<ClaimStatus>(),
    toStatus: text('to_status').$type<ClaimStatus>().notNull(),
    reason: text('reason'),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('benefit_claim_history_claim_idx').on(t.claimId, t.id),
    check('benefit_claim_history_to_check', sql`${t.toStatus} in (${inList(CLAIM_STATUSES)})`),
  ],
);
