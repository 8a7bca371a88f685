import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../../municipalities/municipalities.tables.ts';

export const BIRTH_REPORT_STATUSES = ['reported', 'confirmed'] as const;
export type BirthReportStatus = (typeof BIRTH_REPORT_STATUSES)[number];

export interface ReportedParent {
  name: string;
  relationship: 'mother' | 'father';
}

/**
 * A 出生届 as the municipality entered it: the facts the parent would otherwise type again for every procedure.
 * It names the household it belongs to (checked against identity's record when entered); the child joins that
 * household only when the parent confirms, through identity's own use case. Tenant-owned (municipality_code).
 */
export const birthReports = pgTable(
  'benefit_birth_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    householdId: uuid('household_id').notNull(),
    childName: text('child_name').notNull(),
    childNameKana: text('child_name_kana').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').$type<'male' | 'female' | 'unspecified'>().notNull(),
    parents: jsonb('parents').$type<ReportedParent[]>().notNull(),
    address: text('address').notNull(),
    status: text('status').$type<BirthReportStatus>().notNull().default('reported'),
    /** identity's child id once the parent confirmed the child into the household. */
    childId: uuid('child_id'),
    reportedBy: text('reported_by').notNull(),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    index('benefit_birth_reports_household_idx').on(t.householdId, t.status),
    check('benefit_birth_reports_status_check', sql`${t.status} in ('reported', 'confirmed')`),
    check('benefit_birth_reports_sex_check', sql`${t.sex} in ('male', 'female', 'unspecified')`),
    check(
      'benefit_birth_reports_confirmed_check',
      sql`(${t.status} = 'confirmed') = (${t.childId} is not null and ${t.confirmedAt} is not null)`,
    ),
  ],
);
