import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../../municipalities/municipalities.tables.ts';

// Health-owned tables for the clinic side. Children live in identity; these refer to them by id only (no foreign
// key across modules), so identity's tables stay untouched.

/**
 * Which platform child a municipality's resident number (宛名番号) belongs to. Recipients are imported keyed by the
 * resident number; this link is how a consent code for a child finds them. Never a My Number.
 */
export const childLinks = pgTable(
  'health_child_links',
  {
    childId: uuid('child_id').primaryKey(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    residentNumber: text('resident_number').notNull(),
    linkedBy: text('linked_by').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('health_child_links_resident_unique').on(t.municipalityCode, t.residentNumber)],
);

/**
 * A one-time consent code a parent opens for a clinic: one child, one purpose, five minutes, used once. The child's
 * name, kana, birth date and sex are copied at issue so the clinic's check needs no read of identity's tables.
 */
export const consentCodes = pgTable(
  'health_consent_codes',
  {
    id: uuid('id').primaryKey(),
    shortCode: text('short_code').notNull(),
    childId: uuid('child_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    purpose: text('purpose').notNull(),
    child: jsonb('child').$type<ConsentChild>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedByInstitution: text('used_by_institution'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('health_consent_codes_short_idx').on(t.shortCode),
    check('health_consent_codes_purpose', sql`${t.purpose} in ('eligibility', 'vaccination')`),
  ],
);

export interface ConsentChild {
  name: string;
  nameKana: string;
  birthDate: string;
  sex: string;
}

/**
 * A one-time consent code the expecting parent opens for a 妊婦健診: one pregnancy, five minutes, used once. A table
 * of its own (not a nullable child on health_consent_codes) so a pregnancy code can never reach the child paths
 * (eligibility, vaccinations) and those keep their non-null child. The parent's name and the expected delivery date
 * are copied at issue so the clinic reads nothing from identity.
 */
export const prenatalConsentCodes = pgTable(
  'health_prenatal_consent_codes',
  {
    id: uuid('id').primaryKey(),
    shortCode: text('short_code').notNull(),
    pregnancyId: uuid('pregnancy_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    purpose: text('purpose').notNull().default('prenatal-checkup'),
    expecting: jsonb('expecting').$type<ConsentExpectingParent>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    usedByInstitution: text('used_by_institution'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('health_prenatal_consent_codes_short_idx').on(t.shortCode),
    check('health_prenatal_consent_codes_purpose', sql`${t.purpose} in ('prenatal-checkup')`),
  ],
);

export interface ConsentExpectingParent {
  name: string;
  birthDate: string | null;
  expectedDeliveryDate: string;
}

/** The electronic 予診票: the parent's answers for one vaccination visit, with their consent to the vaccination. */
export const questionnaires = pgTable(
  'health_questionnaires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    vaccine: text('vaccine').notNull(),
    dose: integer('dose').notNull(),
    visitDate: date('visit_date').notNull(),
    temperature: text('temperature').notNull(),
    answers: jsonb('answers').$type<Record<string, boolean>>().notNull(),
    notes: text('notes').notNull().default(''),
    consentToVaccination: text('consent_to_vaccination').notNull(),
    signedBy: text('signed_by').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('health_questionnaires_child_idx').on(t.childId, t.visitDate),
    check('health_questionnaires_consent', sql`${t.consentToVaccination} in ('yes', 'no')`),
  ],
);

/** A vaccination given, as the clinic records it; the parent and the municipality read the same row. */
export const vaccinationRecords = pgTable(
  'health_vaccination_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    vaccine: text('vaccine').notNull(),
    dose: integer('dose').notNull(),
    lotNumber: text('lot_number').notNull(),
    givenOn: date('given_on').notNull(),
    institutionCode: text('institution_code').notNull(),
    questionnaireId: uuid('questionnaire_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('health_vaccination_records_dose').on(t.childId, t.vaccine, t.dose),
    index('health_vaccination_records_municipality_idx').on(t.municipalityCode, t.givenOn),
    check('health_vaccination_records_institution', sql`${t.institutionCode} ~ '^[0-9]{10}$'`),
  ],
);
