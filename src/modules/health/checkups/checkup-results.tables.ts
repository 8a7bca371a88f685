import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

/**
 * A 乳幼児健診 (subject: a child) or 妊婦健診 (subject: a pregnancy) result, recorded by the health officer of the
 * municipality or by a clinic during a visit the parent consented to. The parent and the municipality read this same
 * row. Subjects live in identity and are referred to by id only (no foreign key across modules).
 */
export const checkupResults = pgTable(
  'health_checkup_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<'infant' | 'prenatal'>().notNull(),
    /** The child (infant) or the pregnancy (prenatal). */
    subjectId: uuid('subject_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** Infant: a code of INFANT_CHECKUPS ('1y6m'); prenatal: the visit number of PRENATAL_VISIT_WEEKS ('1'–'14'). */
    checkupCode: text('checkup_code').notNull(),
    examinedOn: date('examined_on').notNull(),
    outcome: text('outcome').$type<CheckupOutcome>().notNull(),
    measurements: jsonb('measurements').$type<CheckupMeasurements>().notNull(),
    notes: text('notes').notNull().default(''),
    recordedByKind: text('recorded_by_kind').$type<'municipality' | 'clinic'>().notNull(),
    /** The clinic's 10-digit 医療機関コード when a clinic recorded it. */
    institutionCode: text('institution_code'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('health_checkup_results_once').on(t.subjectId, t.kind, t.checkupCode),
    index('health_checkup_results_municipality_idx').on(t.municipalityCode, t.examinedOn),
    index('health_checkup_results_household_idx').on(t.householdId),
    check('health_checkup_results_kind', sql`${t.kind} in ('infant', 'prenatal')`),
    check('health_checkup_results_outcome', sql`${t.outcome} in ('no-findings', 'follow-up', 'referred')`),
    check('health_checkup_results_recorder', sql`${t.recordedByKind} in ('municipality', 'clinic')`),
    check(
      'health_checkup_results_institution',
      sql`(${t.recordedByKind} = 'clinic') = (${t.institutionCode} is not null and ${t.institutionCode} ~ '^[0-9]{10}$')`,
    ),
  ],
);

export const CHECKUP_OUTCOMES = ['no-findings', 'follow-up', 'referred'] as const;
export type CheckupOutcome = (typeof CHECKUP_OUTCOMES)[number];

export const URINE_TESTS = ['-', '±', '+', '++', '+++'] as const;
export type UrineTest = (typeof URINE_TESTS)[number];

/** What a 母子健康手帳 page records; every field optional (a check-up records what it measured). */
export interface CheckupMeasurements {
  heightCm?: number;
  weightKg?: number;
  headCircumferenceCm?: number;
  systolicMmHg?: number;
  diastolicMmHg?: number;
  urineProtein?: UrineTest;
  urineGlucose?: UrineTest;
}

export type CheckupResultRow = typeof checkupResults.$inferSelect;
