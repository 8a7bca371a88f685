import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { nurseries } from '../hokatsu.tables.ts';
import type { IndexLine } from '../index-rules/compute-index.ts';
import type { TieBreakFacts } from './tie-break-facts.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * A nursery application's status machine (issue 8): the parent submits; staff review it, ask for a fix (the parent
 * resubmits) or mark it ready; the allocation offers a seat or waitlists it (a waitlisted application may be offered
 * in a later round); the parent accepts or declines an offer. The CHECK below holds the same closed list.
 */
export const APPLICATION_STATUSES = [
  'submitted',
  'in-review',
  'needs-fix',
  'ready',
  'offered',
  'waitlisted',
  'accepted',
  'declined',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  submitted: ['in-review'],
  'in-review': ['needs-fix', 'ready'],
  'needs-fix': ['submitted'],
  ready: ['in-review', 'offered', 'waitlisted'],
  offered: ['accepted', 'declined'],
  waitlisted: ['offered'],
  accepted: [],
  declined: [],
};

const statusList = sql.raw(APPLICATION_STATUSES.map((s) => `'${s}'`).join(', '));

/**
 * One child's application for one intake month. The child's name and birth date are copied from identity's household
 * at submission (entered once, there): the application is a record of what was applied for. `answers` are the index
 * answers in the simulation's format; `computed_index` is the rules engine's total, staff adjustments add to it.
 */
export const applications = pgTable(
  'hokatsu_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    householdId: text('household_id').notNull(),
    childId: text('child_id').notNull(),
    childName: text('child_name').notNull(),
    childBirthDate: date('child_birth_date', { mode: 'string' }).notNull(),
    roundMonth: date('round_month', { mode: 'string' }).notNull(),
    ageClass: smallint('age_class').notNull(),
    fiscalYear: integer('fiscal_year').notNull(),
    rulesVersion: integer('rules_version').notNull(),
    answers: jsonb('answers').notNull(),
    computedIndex: integer('computed_index').notNull(),
    indexLines: jsonb('index_lines').$type<IndexLine[]>().notNull(),
    /** Siblings applying in the same round: place them at one nursery or not at all. */
    siblingsTogether: boolean('siblings_together').notNull().default(false),
    /** Answers to the municipality's tie-break list (e.g. 住民税所得割 in yen), keyed by tie-break id. */
    tieBreakFacts: jsonb('tie_break_facts').$type<TieBreakFacts>().notNull().default({}),
    /** 転園: the nursery the child attends now; its seat counts for the child in the allocation. */
    currentNurseryId: uuid('current_nursery_id').references(() => nurseries.id),
    /** The last tie-break key (a lottery number drawn at submission). */
    lottery: integer('lottery').notNull(),
    status: text('status').$type<ApplicationStatus>().notNull().default('submitted'),
    fixRequest: text('fix_request'),
    offeredNurseryId: uuid('offered_nursery_id').references(() => nurseries.id),
    waitlistRank: integer('waitlist_rank'),
    explanation: jsonb('explanation'),
    allocationRoundId: uuid('allocation_round_id'),
    submittedBy: text('submitted_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('hokatsu_applications_child_round').on(t.childId, t.roundMonth),
    index('hokatsu_applications_queue_idx').on(t.municipalityCode, t.roundMonth, t.status),
    index('hokatsu_applications_household_idx').on(t.householdId),
    check('hokatsu_applications_status_check', sql`${t.status} in (${statusList})`),
    check('hokatsu_applications_age_check', sql`${t.ageClass} between 0 and 5`),
    check(
      'hokatsu_applications_offer_check',
      sql`(${t.status} in ('offered', 'accepted', 'declined')) = (${t.offeredNurseryId} is not null)`,
    ),
  ],
);

/** Ranked nursery choices (1 = first choice); the rank never earns points (see the reference on 多摩市). */
export const applicationChoices = pgTable(
  'hokatsu_application_choices',
  {
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    rank: smallint('rank').notNull(),
    nurseryId: uuid('nursery_id')
      .notNull()
      .references(() => nurseries.id),
  },
  (t) => [
    primaryKey({ columns: [t.applicationId, t.rank] }),
    unique('hokatsu_application_choices_once').on(t.applicationId, t.nurseryId),
    check('hokatsu_application_choices_rank_check', sql`${t.rank} between 1 and 10`),
  ],
);

/** Staff adjustments to the computed index, each with its reason (調整指数 the rules do not cover). */
export const applicationAdjustments = pgTable(
  'hokatsu_application_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    staffId: text('staff_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('hokatsu_application_adjustments_points_check', sql`${t.points} between -100 and 100 and ${t.points} <> 0`),
    check('hokatsu_application_adjustments_reason_check', sql`length(trim(${t.reason})) between 2 and 500`),
  ],
);

export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Supporting documents (就労証明書 etc.), stored in PostgreSQL: they commit and roll back with the application, are
 * covered by the same backups and tenant filter, and leave no orphan files; the size cap keeps rows reasonable.
 */
export const applicationDocuments = pgTable(
  'hokatsu_application_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hokatsu_application_documents_app_idx').on(t.applicationId),
    check(
      'hokatsu_application_documents_type_check',
      sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`,
    ),
    check(
      'hokatsu_application_documents_size_check',
      sql`${t.sizeBytes} between 1 and ${sql.raw(String(DOCUMENT_MAX_BYTES))} and octet_length(${t.content}) = ${t.sizeBytes}`,
    ),
  ],
);

/** One run of the allocation for a municipality and round: dry runs are kept for comparison; one is published. */
export const allocationRounds = pgTable(
  'hokatsu_allocation_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    roundMonth: date('round_month', { mode: 'string' }).notNull(),
    roundNo: smallint('round_no').notNull(),
    status: text('status').$type<'dry-run' | 'published'>().notNull().default('dry-run'),
    applicants: integer('applicants').notNull(),
    offers: integer('offers').notNull(),
    blockingPairs: integer('blocking_pairs').notNull(),
    result: jsonb('result').notNull(),
    runBy: text('run_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('hokatsu_allocation_rounds_one_published')
      .on(t.municipalityCode, t.roundMonth, t.roundNo)
      .where(sql`status = 'published'`),
    check('hokatsu_allocation_rounds_status_check', sql`${t.status} in ('dry-run', 'published')`),
    check(
      'hokatsu_allocation_rounds_published_check',
      sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`,
    ),
  ],
);
