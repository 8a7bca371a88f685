import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  json,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProgramData } from './program-data.ts';
import type { ProgramStatus } from './program-status.ts';

/**
 * One row per support program: the public projection of its latest published version (or its draft, before the
 * first publication), with the columns the search filters on pulled out of `data`.
 */
export const registryPrograms = pgTable(
  'registry_programs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** 行政サービスID from the Tokyo file, or a generated `tsunagu+…` id for programs created by staff. */
    psid: text('psid').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    status: text('status').$type<ProgramStatus>().notNull(),
    origin: text('origin').$type<'import' | 'staff'>().notNull(),
    name: text('name').notNull(),
    categories: text('categories').array().notNull(),
    ageMinMonths: integer('age_min_months'),
    /** Exclusive upper bound: the window is [min, max). */
    ageMaxMonths: integer('age_max_months'),
    ageSource: text('age_source').$type<'explicit' | 'inferred' | 'unknown'>().notNull(),
    prenatal: boolean('prenatal').notNull(),
    procedureTo: date('procedure_to'),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    /** Locale-independent text key for partial-word search (see search-key.ts). */
    searchKey: text('search_key').notNull(),
    // json, not jsonb: nothing queries inside these, and json keeps the text as given (key order included) and
    // is several times cheaper to write, which is most of a full import.
    data: json('data').$type<ProgramData>().notNull(),
    /** The public summary (API list item) as JSON text, kept in step with `data` by programColumns; served as is. */
    summary: text('summary').notNull(),
    /** The record exactly as the Tokyo file had it (null for staff-created programs). */
    raw: json('raw').$type<Record<string, unknown>>(),
    rawHash: text('raw_hash'),
    /** A staff edit of an imported program was published: the export rebuilds the record from `data`. */
    staffEdited: boolean('staff_edited').notNull().default(false),
    currentVersion: integer('current_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('registry_programs_psid_idx').on(t.psid),
    index('registry_programs_municipality_idx').on(t.municipalityCode, t.status, t.psid),
    index('registry_programs_status_psid_idx').on(t.status, t.psid),
    check('registry_programs_status_check', sql`${t.status} in ('draft', 'in_review', 'published', 'retired')`),
    check('registry_programs_origin_check', sql`${t.origin} in ('import', 'staff')`),
    check('registry_programs_age_source_check', sql`${t.ageSource} in ('explicit', 'inferred', 'unknown')`),
    check(
      'registry_programs_age_window_check',
      sql`${t.ageMinMonths} is null or ${t.ageMaxMonths} is null or ${t.ageMinMonths} < ${t.ageMaxMonths}`,
    ),
    check('registry_programs_municipality_format', sql`${t.municipalityCode} ~ '^[0-9]{6}$'`),
  ],
);

/** Every version of every program: the staff workflow's unit of review, and the history behind the field diff. */
export const registryProgramVersions = pgTable(
  'registry_program_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id')
      .notNull()
      .references(() => registryPrograms.id),
    version: integer('version').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    status: text('status').$type<ProgramStatus>().notNull(),
    data: json('data').$type<ProgramData>().notNull(),
    effectiveFrom: date('effective_from'),
    effectiveTo: date('effective_to'),
    /** Field diff against the version this one was based on: [{ field, before, after }]. */
    diff: json('diff').$type<{ field: string; before: unknown; after: unknown }[]>().notNull(),
    createdBy: text('created_by').notNull(),
    submittedBy: text('submitted_by'),
    reviewedBy: text('reviewed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('registry_program_versions_program_version_idx').on(t.programId, t.version),
    index('registry_program_versions_status_idx').on(t.municipalityCode, t.status),
    check('registry_program_versions_status_check', sql`${t.status} in ('draft', 'in_review', 'published', 'retired')`),
    check(
      'registry_program_versions_effective_check',
      sql`${t.effectiveFrom} is null or ${t.effectiveTo} is null or ${t.effectiveFrom} < ${t.effectiveTo}`,
    ),
  ],
);

export const CHANGE_KINDS = ['created', 'updated', 'retired'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * The public change feed. Writers take a transaction-level advisory lock before inserting (see change-log.ts), so
 * ids become visible in increasing order and `since=<id>` never skips a row committed late.
 */
export const registryChanges = pgTable(
  'registry_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programId: uuid('program_id')
      .notNull()
      .references(() => registryPrograms.id),
    psid: text('psid').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    kind: text('kind').$type<ChangeKind>().notNull(),
    version: integer('version').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('registry_changes_kind_check', sql`${t.kind} in ('created', 'updated', 'retired')`)],
);
