import { sql } from 'drizzle-orm';
import { check, pgTable, text } from 'drizzle-orm/pg-core';

/**
 * Reference copy of the municipality catalog, kept in step by syncReferenceData after every migration, so that
 * tenant-owned tables of other modules can reference a real code (and, under Citus, be a reference table).
 */
export const municipalities = pgTable(
  'municipalities',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    kind: text('kind').notNull(),
  },
  (t) => [
    check('municipalities_code_format', sql`${t.code} ~ '^[0-9]{6}$'`),
    check('municipalities_kind_check', sql`${t.kind} in ('prefecture', 'ward', 'city', 'town', 'village')`),
  ],
);
