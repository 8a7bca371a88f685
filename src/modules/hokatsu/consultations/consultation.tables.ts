import { sql } from 'drizzle-orm';
import { check, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const CONSULTATION_BOOKING_STATUSES = ['booked', 'cancelled', 'held', 'no-show'] as const;
export type ConsultationBookingStatus = (typeof CONSULTATION_BOOKING_STATUSES)[number];

/**
 * A municipal counsellor's online consultation (保活相談) slot. Capacity is enforced like visit tours: a conditional
 * UPDATE takes the seat, and the CHECK on seats_taken backs it up. The meeting link is shown only to those booked.
 */
export const consultationSlots = pgTable(
  'hokatsu_consultation_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    counsellorId: text('counsellor_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: smallint('duration_minutes').notNull(),
    meetingUrl: text('meeting_url').notNull(),
    capacity: smallint('capacity').notNull().default(1),
    seatsTaken: smallint('seats_taken').notNull().default(0),
    status: text('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('hokatsu_consultation_slots_idx').on(t.municipalityCode, t.startsAt),
    check('hokatsu_consultation_slots_duration_check', sql`${t.durationMinutes} between 10 and 120`),
    check('hokatsu_consultation_slots_capacity_check', sql`${t.capacity} between 1 and 10`),
    check('hokatsu_consultation_slots_seats_check', sql`${t.seatsTaken} >= 0 and ${t.seatsTaken} <= ${t.capacity}`),
    check('hokatsu_consultation_slots_url_check', sql`${t.meetingUrl} like 'https://%'`),
    check('hokatsu_consultation_slots_status_check', sql`${t.status} in ('open', 'cancelled')`),
  ],
);

/** One household's booking: the topic and questions help the counsellor prepare. */
export const consultationBookings = pgTable(
  'hokatsu_consultation_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => consultationSlots.id, { onDelete: 'cascade' }),
    householdId: text('household_id').notNull(),
    topic: text('topic').notNull(),
    questions: text('questions'),
    status: text('status').$type<ConsultationBookingStatus>().notNull().default('booked'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('hokatsu_consultation_bookings_once').on(t.slotId, t.householdId).where(sql`status = 'booked'`),
    index('hokatsu_consultation_bookings_household_idx').on(t.householdId),
    check('hokatsu_consultation_bookings_topic_check', sql`length(${t.topic}) between 1 and 200`),
    check(
      'hokatsu_consultation_bookings_questions_check',
      sql`${t.questions} is null or length(${t.questions}) <= 2000`,
    ),
    check('hokatsu_consultation_bookings_status_check', sql`${t.status} in ('booked', 'cancelled', 'held', 'no-show')`),
  ],
);
