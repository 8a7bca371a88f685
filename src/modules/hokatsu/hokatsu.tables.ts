import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const NURSERY_CATEGORIES = [
  'licensed',
  'small-scale',
  'certified-kodomoen',
  'tokyo-certified',
  'home-based',
  'workplace',
  'kindergarten',
  'unlicensed',
  'other',
] as const;
export type NurseryCategory = (typeof NURSERY_CATEGORIES)[number];

/**
 * Nurseries (保育施設) of a municipality, from the municipal standard open-data list (子育て施設一覧), vacancy lists
 * or staff. Tenant-owned: municipality_code on every row. `attribution` is shown wherever the row is shown.
 */
export const nurseries = pgTable(
  'hokatsu_nurseries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    /** Where the row came from, with external_id unique per source so that re-imports update in place. */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    nameKana: text('name_kana'),
    category: text('category').notNull(),
    /** The publisher's own type label (種別), kept verbatim. */
    typeLabel: text('type_label'),
    address: text('address'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    capacity: integer('capacity'),
    minAgeClass: smallint('min_age_class'),
    maxAgeClass: smallint('max_age_class'),
    /** 'HH:MM' local time. */
    opensAt: text('opens_at'),
    closesAt: text('closes_at'),
    extendedCare: boolean('extended_care'),
    temporaryCare: boolean('temporary_care'),
    phone: text('phone'),
    url: text('url'),
    notes: text('notes'),
    attribution: text('attribution').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('hokatsu_nurseries_source_key').on(t.municipalityCode, t.source, t.externalId),
    index('hokatsu_nurseries_municipality_idx').on(t.municipalityCode, t.category),
    check('hokatsu_nurseries_municipality_format', sql`${t.municipalityCode} ~ '^[0-9]{6}$'`),
    check(
      'hokatsu_nurseries_category_check',
      sql.raw(`category in (${NURSERY_CATEGORIES.map((c) => `'${c}'`).join(', ')})`),
    ),
    check(
      'hokatsu_nurseries_ages_check',
      sql`(${t.minAgeClass} is null or ${t.minAgeClass} between 0 and 5) and (${t.maxAgeClass} is null or ${t.maxAgeClass} between 0 and 5)`,
    ),
    check(
      'hokatsu_nurseries_hours_format',
      sql`(${t.opensAt} is null or ${t.opensAt} ~ '^[0-2][0-9]:[0-5][0-9]$') and (${t.closesAt} is null or ${t.closesAt} ~ '^[0-2][0-9]:[0-5][0-9]$')`,
    ),
  ],
);

/** Places open per age class for a month (空き状況), as published by the municipality or entered by the nursery. */
export const nurseryVacancies = pgTable(
  'hokatsu_nursery_vacancies',
  {
    nurseryId: uuid('nursery_id')
      .notNull()
      .references(() => nurseries.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    /** First day of the month the places are for. */
    month: date('month').notNull(),
    ageClass: smallint('age_class').notNull(),
    /** Metrics differ by municipality: each is null when not published. */
    vacancies: integer('vacancies'),
    waiting: integer('waiting'),
    asOf: date('as_of'),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.nurseryId, t.month, t.ageClass] }),
    index('hokatsu_nursery_vacancies_search_idx').on(t.municipalityCode, t.month, t.ageClass),
    check('hokatsu_nursery_vacancies_age_check', sql`${t.ageClass} between 0 and 5`),
    check('hokatsu_nursery_vacancies_month_check', sql`extract(day from ${t.month}) = 1`),
    check(
      'hokatsu_nursery_vacancies_counts_check',
      sql`coalesce(${t.vacancies}, 0) >= 0 and coalesce(${t.waiting}, 0) >= 0`,
    ),
  ],
);

/**
 * The lowest admitted index per nursery and age class of one allocation round (入所最低指数), published after it.
 * A municipality may publish a marker instead of a number (空有, 非公開, "38点以下"): kept in `label`.
 */
export const nurseryMinimumIndices = pgTable(
  'hokatsu_nursery_minimum_indices',
  {
    nurseryId: uuid('nursery_id')
      .notNull()
      .references(() => nurseries.id, { onDelete: 'cascade' }),
    municipalityCode: text('municipality_code').notNull(),
    /** Month the round admits for, first day (e.g. 2022-04-01), and the round number (1 = 一次). */
    roundMonth: date('round_month').notNull(),
    roundNo: smallint('round_no').notNull(),
    ageClass: smallint('age_class').notNull(),
    minimumIndex: doublePrecision('minimum_index'),
    label: text('label'),
    source: text('source').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.nurseryId, t.roundMonth, t.roundNo, t.ageClass] }),
    index('hokatsu_nursery_minimum_indices_municipality_idx').on(t.municipalityCode, t.roundMonth),
    check('hokatsu_nursery_minimum_indices_age_check', sql`${t.ageClass} between 0 and 5`),
    check('hokatsu_nursery_minimum_indices_value_check', sql`${t.minimumIndex} is not null or ${t.label} is not null`),
  ],
);

export const VISIT_SLOT_STATUSES = ['open', 'cancelled'] as const;
export const VISIT_BOOKING_STATUSES = ['booked', 'cancelled', 'attended', 'no-show'] as const;
export type VisitBookingStatus = (typeof VISIT_BOOKING_STATUSES)[number];

/**
 * A nursery visit tour (見学) with a number of seats. `seats_taken` is kept by the booking use cases in the same
 * transaction as the booking, and the CHECK makes overbooking impossible whatever the code does.
 */
export const visitSlots = pgTable(
  'hokatsu_visit_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    nurseryId: uuid('nursery_id')
      .notNull()
      .references(() => nurseries.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    seatsTaken: integer('seats_taken').notNull().default(0),
    notes: text('notes'),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hokatsu_visit_slots_nursery_idx').on(t.municipalityCode, t.nurseryId, t.startsAt),
    check('hokatsu_visit_slots_capacity_check', sql`${t.capacity} > 0 and ${t.capacity} <= 200`),
    check('hokatsu_visit_slots_seats_check', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('hokatsu_visit_slots_time_check', sql`${t.endsAt} > ${t.startsAt}`),
    check('hokatsu_visit_slots_status_check', sql`${t.status} in ('open', 'cancelled')`),
  ],
);

/**
 * One family's booking of a visit slot. `family_ref` is an opaque reference to the household (the identity module
 * will supply it once sign-in exists); a family holds at most one active booking per slot.
 */
export const visitBookings = pgTable(
  'hokatsu_visit_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => visitSlots.id, { onDelete: 'cascade' }),
    nurseryId: uuid('nursery_id').notNull(),
    familyRef: text('family_ref').notNull(),
    partySize: smallint('party_size').notNull().default(1),
    status: text('status').notNull().default('booked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hokatsu_visit_bookings_one_per_family').on(t.slotId, t.familyRef).where(sql`status = 'booked'`),
    index('hokatsu_visit_bookings_family_idx').on(t.municipalityCode, t.familyRef, t.nurseryId),
    check('hokatsu_visit_bookings_party_check', sql`${t.partySize} between 1 and 4`),
    check('hokatsu_visit_bookings_status_check', sql`${t.status} in ('booked', 'cancelled', 'attended', 'no-show')`),
  ],
);
