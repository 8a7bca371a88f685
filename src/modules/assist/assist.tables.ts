import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Evidence } from './extraction/candidate.ts';
import type { ProposedFields } from './extraction/extractor.ts';
import type { MessageDraft } from './messages/message-draft.ts';
import type { FieldDecision } from './proposal-decisions.ts';
import type { ProposalStatus } from './proposal-status.ts';

/**
 * What an extractor read from a municipal page for one program, kept with the text it read (evidence offsets point
 * into `source_text`) until staff decide. Holds no personal data: program pages only.
 */
export const assistProposals = pgTable(
  'assist_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    /** registry_programs.id; not a foreign key: modules do not reach into each other's tables. */
    programId: uuid('program_id').notNull(),
    sourceKind: text('source_kind').$type<'html' | 'pdf' | 'text' | 'url'>().notNull(),
    sourceName: text('source_name'),
    sourceText: text('source_text').notNull(),
    extractor: text('extractor').$type<'deterministic' | 'llm'>().notNull(),
    notices: jsonb('notices').$type<{ en: string; ja: string }[]>().notNull().default([]),
    fields: jsonb('fields').$type<ProposedFields>().notNull(),
    decisions: jsonb('decisions').$type<Record<string, FieldDecision>>(),
    status: text('status').$type<ProposalStatus>().notNull().default('open'),
    appliedVersion: integer('applied_version'),
    /**
     * The current `applying` claim: who holds it (a fresh id per claim, so a late finisher cannot overwrite a newer
     * claim) and since when (a claim older than the lease is a crashed process's and may be taken over).
     */
    claimId: uuid('claim_id'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** The registry draft version an apply wrote, recorded before it is submitted, so a re-apply finds it. */
    pendingVersion: integer('pending_version'),
    createdBy: text('created_by').notNull(),
    decidedBy: text('decided_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assist_proposals_program_idx').on(t.programId, t.createdAt),
    check('assist_proposals_status_check', sql`${t.status} in ('open', 'applying', 'applied', 'discarded')`),
    check('assist_proposals_source_kind_check', sql`${t.sourceKind} in ('html', 'pdf', 'text', 'url')`),
    check('assist_proposals_applied_version_check', sql`(${t.status} = 'applied') = (${t.appliedVersion} is not null)`),
  ],
);

/**
 * A printed hand-out (妊娠届 packet, check-up leaflet) uploaded by staff: its extracted text, the registry categories
 * and programs it was matched to, and who it is for — pregnancy weeks [from, to) and/or child ages in months
 * [min, max). Municipal information, not personal data: parents of the municipality (and Tokyo-wide) read it.
 */
export const assistHandouts = pgTable(
  'assist_handouts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    pdf: text('pdf_base64').notNull(),
    text: text('text').notNull(),
    /** ASCII spelling of the text for the trigram index (registry's search-key approach; see its README). */
    searchKey: text('search_key').notNull(),
    categories: text('categories').array().notNull(),
    programIds: uuid('program_ids').array().notNull(),
    pregnancyWeekFrom: integer('pregnancy_week_from'),
    pregnancyWeekTo: integer('pregnancy_week_to'),
    ageMinMonths: integer('age_min_months'),
    ageMaxMonths: integer('age_max_months'),
    evidence: jsonb('evidence').$type<Evidence[]>().notNull().default([]),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assist_handouts_municipality_idx').on(t.municipalityCode, t.createdAt),
    check(
      'assist_handouts_weeks_check',
      sql`${t.pregnancyWeekFrom} is null or ${t.pregnancyWeekTo} is null or ${t.pregnancyWeekFrom} < ${t.pregnancyWeekTo}`,
    ),
    check(
      'assist_handouts_ages_check',
      sql`${t.ageMinMonths} is null or ${t.ageMaxMonths} is null or ${t.ageMinMonths} < ${t.ageMaxMonths}`,
    ),
  ],
);

/**
 * Notices drafted from a program (LINE, Web Push, e-mail × ja, en, やさしい日本語), edited and approved by staff.
 * Approval saves the texts as a version of notify's `program-announcement` template, recorded here; see README.
 */
export const assistMessageDrafts = pgTable(
  'assist_message_drafts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    programId: uuid('program_id').notNull(),
    status: text('status').$type<'draft' | 'approved'>().notNull().default('draft'),
    generator: text('generator').$type<'template' | 'llm'>().notNull(),
    texts: jsonb('texts').$type<MessageDraft>().notNull(),
    variables: text('variables').array().notNull(),
    createdBy: text('created_by').notNull(),
    approvedBy: text('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** The notify template version the approval saved (notify's `program-announcement` key). */
    templateKey: text('template_key'),
    templateVersion: integer('template_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assist_message_drafts_program_idx').on(t.programId, t.createdAt),
    check('assist_message_drafts_status_check', sql`${t.status} in ('draft', 'approved')`),
    check(
      'assist_message_drafts_approval_check',
      sql`(${t.status} = 'approved') = (${t.approvedBy} is not null and ${t.approvedAt} is not null)`,
    ),
  ],
);
