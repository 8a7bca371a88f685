import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The demo card authority's keys and its client's secret, made once per database, so every process of a demo
 * deployment (and the same one after a restart) signs and checks with the same keys. Demo mode only.
 */
export const demoCardSettings = pgTable(
  'demo_card_settings',
  {
    id: text('id').primaryKey().default('default'),
    signingJwk: jsonb('signing_jwk').$type<Record<string, unknown>>().notNull(),
    cookieKey: text('cookie_key').notNull(),
    clientSecret: text('client_secret').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('demo_card_settings_singleton', sql`${t.id} = 'default'`)],
);

/** oidc-provider's state (sessions, interactions, codes, tokens, grants), one row per model and id. */
export const demoCardStore = pgTable(
  'demo_card_store',
  {
    model: text('model').notNull(),
    id: text('id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.model, t.id] }),
    index('demo_card_store_uid_idx').on(t.model, t.uid),
    index('demo_card_store_grant_idx').on(t.grantId),
    index('demo_card_store_expires_idx').on(t.expiresAt),
  ],
);
