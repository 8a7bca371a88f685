import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { municipalities } from '../../municipalities/municipalities.tables.ts';
import { benefitClaims } from '../benefits.tables.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const PAYMENT_OUTCOMES = ['pending', 'paid', 'failed'] as const;
export type PaymentOutcome = (typeof PAYMENT_OUTCOMES)[number];

/** The paying account and consignor of a 全銀 総合振込 file (header record). */
export interface PayerAccount {
  consignorCode: string;
  consignorName: string;
  bankCode: string;
  bankName: string;
  branchCode: string;
  branchName: string;
  accountType: '1' | '2';
  accountNumber: string;
}

/** One 総合振込 run for one instalment: the file as sent to the bank, and its totals. */
export const benefitPaymentBatches = pgTable(
  'benefit_payment_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    benefitCode: text('benefit_code').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    instalmentNo: integer('instalment_no').notNull(),
    transferDate: date('transfer_date').notNull(),
    payer: jsonb('payer').$type<PayerAccount>().notNull(),
    recordCount: integer('record_count').notNull(),
    totalAmount: bigint('total_amount', { mode: 'number' }).notNull(),
    file: bytea('file').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('benefit_payment_batches_idx').on(t.municipalityCode, t.fiscalYear, t.instalmentNo),
    check('benefit_payment_batches_totals_check', sql`${t.recordCount} >= 0 and ${t.totalAmount} >= 0`),
  ],
);

/** One transfer in a batch. Months already in a pending or paid line are never put in another. */
export const benefitPayments = pgTable(
  'benefit_payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => benefitPaymentBatches.id),
    municipalityCode: text('municipality_code').notNull(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => benefitClaims.id),
    lineNo: integer('line_no').notNull(),
    months: jsonb('months').$type<string[]>().notNull(),
    amount: integer('amount').notNull(),
    outcome: text('outcome').$type<PaymentOutcome>().notNull().default('pending'),
    outcomeReason: text('outcome_reason'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    unique('benefit_payments_line').on(t.batchId, t.lineNo),
    unique('benefit_payments_claim_once_per_batch').on(t.batchId, t.claimId),
    index('benefit_payments_claim_idx').on(t.claimId),
    check('benefit_payments_outcome_check', sql`${t.outcome} in ('pending', 'paid', 'failed')`),
    check('benefit_payments_amount_check', sql`${t.amount} > 0`),
  ],
);
