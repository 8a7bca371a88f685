import { sql } from 'drizzle-orm';
import { boolean, check, date, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../municipalities/municipalities.tables.ts';

/**
 * A municipality's medical-subsidy scheme (マル乳, マル子, マル青, ひとり親 …) as the 制度マスタ describes it: the
 * 公費負担者番号 clinics bill against, who is covered, and what the family still pays.
 */
export const subsidySchemes = pgTable(
  'health_subsidy_schemes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    insurerNumber: text('insurer_number').notNull(),
    /** National schemes use 7-digit 受給者番号 with a check digit; local ones up to 30 characters. */
    recipientNumberHasCheckDigit: boolean('recipient_number_has_check_digit').notNull().default(false),
    coverage: jsonb('coverage').$type<SchemeCoverage>().notNull(),
    copay: jsonb('copay').$type<SchemeCopay>().notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    verification: text('verification'),
  },
  (t) => [
    unique('health_subsidy_schemes_insurer_unique').on(t.municipalityCode, t.insurerNumber),
    check('health_subsidy_schemes_insurer_format', sql`${t.insurerNumber} ~ '^[0-9]{8}$'`),
  ],
);

export interface SchemeCoverage {
  /** Ages covered, as school-year milestones: birth, school entry, end of junior high (15), end of age 18. */
  from: 'birth' | 'school-entry' | 'after-age-15';
  until: 'before-school-entry' | 'end-of-age-15' | 'end-of-age-18';
}

export interface SchemeCopay {
  /** none: the family pays nothing; per-visit: a fixed amount per outpatient visit. */
  kind: 'none' | 'per-visit';
  outpatientYen?: number;
  note?: string;
}

/**
 * One child's entitlement under a scheme for a period (a 受給者証), as the municipality's system registers it with PMH.
 * Linked to the platform's child through the municipality's own resident number (宛名番号), never a My Number.
 */
export const subsidyRecipients = pgTable(
  'health_subsidy_recipients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => subsidySchemes.id),
    recipientNumber: text('recipient_number').notNull(),
    residentNumber: text('resident_number').notNull(),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').notNull(),
    address: text('address').notNull(),
    certificationName: text('certification_name').notNull(),
    certificateTypeId: text('certificate_type_id').notNull(),
    isNotDisclosed: boolean('is_not_disclosed').notNull().default(false),
    maxCopayment: jsonb('max_copayment').$type<Record<string, unknown> | null>(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    importId: uuid('import_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('health_subsidy_recipients_key').on(t.schemeId, t.recipientNumber, t.validFrom),
    index('health_subsidy_recipients_resident_idx').on(t.municipalityCode, t.residentNumber),
    check('health_subsidy_recipients_period', sql`${t.validFrom} <= ${t.validTo}`),
    check('health_subsidy_recipients_sex', sql`${t.sex} in ('0', '1', '2', '9')`),
  ],
);

export const recipientImports = pgTable('health_recipient_imports', {
  id: uuid('id').primaryKey().defaultRandom(),
  municipalityCode: text('municipality_code')
    .notNull()
    .references(() => municipalities.code),
  fileName: text('file_name').notNull(),
  format: text('format').notNull(),
  summary: jsonb('summary').$type<{ added: number; changed: number; ended: number; unchanged: number }>().notNull(),
  importedBy: text('imported_by').notNull(),
  importedAt: timestamp('imported_at', { withTimezone: true }).notNull().defaultNow(),
});
