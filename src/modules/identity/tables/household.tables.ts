import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { municipalities } from '../../municipalities/municipalities.tables.ts';

// Every table here is tenant-owned: it carries municipality_code (the shard key at national scale) and household_id,
// and row-level security (migration identity-rls) limits each scoped transaction to its municipality or household.

export const SEXES = ['male', 'female', 'unspecified'] as const;
export type Sex = (typeof SEXES)[number];

export const households = pgTable('households', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Where the household lives now; residences keeps the history. */
  municipalityCode: text('municipality_code')
    .notNull()
    .references(() => municipalities.code),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A guardian whose identity was verified by a card authority (issuer + subject). Name, birth date, address and sex
 * are as the authority asserted them at the last sign-in. There is deliberately no column for a My Number.
 */
export const parents = pgTable(
  'parents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    name: text('name').notNull(),
    birthDate: date('birth_date'),
    address: text('address'),
    sex: text('sex').$type<Sex>(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('parents_issuer_subject_key').on(t.issuer, t.subject),
    index('parents_household_idx').on(t.householdId),
    check('parents_sex_check', sql`${t.sex} is null or ${t.sex} in ('male', 'female', 'unspecified')`),
  ],
);

export const children = pgTable(
  'children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    name: text('name').notNull(),
    nameKana: text('name_kana').notNull(),
    birthDate: date('birth_date').notNull(),
    sex: text('sex').$type<Sex>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('children_household_idx').on(t.householdId),
    index('children_municipality_idx').on(t.municipalityCode, t.birthDate),
    check('children_sex_check', sql`${t.sex} in ('male', 'female', 'unspecified')`),
  ],
);

export const RELATIONSHIPS = ['mother', 'father', 'guardian'] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/** Who is whose guardian inside the household. */
export const householdRelationships = pgTable(
  'household_relationships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code').notNull(),
    parentId: uuid('parent_id')
      .notNull()
      .references(() => parents.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    relationship: text('relationship').$type<Relationship>().notNull(),
  },
  (t) => [
    uniqueIndex('household_relationships_pair_key').on(t.parentId, t.childId),
    // child → guardians: notify's monthly plan joins each child it plans for to its parents (without it, one
    // sequential scan of every relationship per municipality planned).
    index('household_relationships_child_idx').on(t.childId),
    // household → relationships: every household read (findHousehold) aggregates them; without it each read was a
    // sequential scan of every relationship (≈ 1 ms of PostgreSQL per benefits application at 30,000 rows).
    index('household_relationships_household_idx').on(t.householdId),
    check('household_relationships_kind_check', sql`${t.relationship} in ('mother', 'father', 'guardian')`),
  ],
);

/** Where the household lived when: one open period (moved_out_on null) at a time. */
export const residences = pgTable(
  'residences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    movedInOn: date('moved_in_on').notNull(),
    movedOutOn: date('moved_out_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('residences_household_idx').on(t.householdId, t.movedInOn),
    uniqueIndex('residences_one_current_key').on(t.householdId).where(sql`${t.movedOutOn} is null`),
    check('residences_dates_check', sql`${t.movedOutOn} is null or ${t.movedOutOn} >= ${t.movedInOn}`),
  ],
);

export const PREGNANCY_STATUSES = ['expecting', 'delivered', 'ended'] as const;
export type PregnancyStatus = (typeof PREGNANCY_STATUSES)[number];

export const pregnancies = pgTable(
  'pregnancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    parentId: uuid('parent_id')
      .notNull()
      .references(() => parents.id),
    expectedDeliveryDate: date('expected_delivery_date').notNull(),
    status: text('status').$type<PregnancyStatus>().notNull().default('expecting'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pregnancies_household_idx').on(t.householdId),
    index('pregnancies_municipality_idx').on(t.municipalityCode, t.expectedDeliveryDate),
    check('pregnancies_status_check', sql`${t.status} in ('expecting', 'delivered', 'ended')`),
  ],
);

export const CONSENT_KINDS = ['partner-app', 'channel', 'clinic-sharing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/**
 * A parent's consent: to a partner app, to a notification channel, to sharing with clinics. Revoking sets
 * revoked_at; the row stays as the record of when consent existed.
 */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    municipalityCode: text('municipality_code').notNull(),
    parentId: uuid('parent_id')
      .notNull()
      .references(() => parents.id),
    kind: text('kind').$type<ConsentKind>().notNull(),
    /** partner app id, channel name, or 'clinics'. */
    target: text('target').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('consents_one_active_key').on(t.parentId, t.kind, t.target).where(sql`${t.revokedAt} is null`),
    check('consents_kind_check', sql`${t.kind} in ('partner-app', 'channel', 'clinic-sharing')`),
  ],
);
