import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import { municipalities } from '../../municipalities/municipalities.tables.ts';

export const STAFF_KINDS = ['municipal', 'nursery', 'clinic'] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];

export const STAFF_STATUSES = ['invited', 'active', 'disabled'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

/**
 * Accounts of municipal staff (bound to a municipality; 東京都 130001 means Tokyo-wide), nursery staff (bound to a
 * nursery) and clinic/pharmacy staff (bound to a medical institution code). Password (argon2id) and TOTP are both
 * required; an invited account has neither until the invitation is accepted.
 */
export const staffAccounts = pgTable(
  'staff_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<StaffKind>().notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    municipalityCode: text('municipality_code')
      .notNull()
      .references(() => municipalities.code),
    roles: text('roles').array().$type<StaffRole[]>().notNull().default(sql`'{}'::text[]`),
    nurseryId: text('nursery_id'),
    institutionCode: text('institution_code'),
    status: text('status').$type<StaffStatus>().notNull().default('invited'),
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    /** The last TOTP time step accepted: a code is good once (RFC 6238 §5.2). */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('staff_accounts_email_key').on(sql`lower(${t.email})`),
    index('staff_accounts_municipality_idx').on(t.municipalityCode),
    check('staff_accounts_kind_check', sql`${t.kind} in ('municipal', 'nursery', 'clinic')`),
    check('staff_accounts_status_check', sql`${t.status} in ('invited', 'active', 'disabled')`),
    check(
      'staff_accounts_binding_check',
      sql`(${t.kind} = 'municipal' and ${t.nurseryId} is null and ${t.institutionCode} is null)
        or (${t.kind} = 'nursery' and ${t.nurseryId} is not null and ${t.institutionCode} is null)
        or (${t.kind} = 'clinic' and ${t.institutionCode} ~ '^[0-9]{10}$' and ${t.nurseryId} is null)`,
    ),
    check(
      'staff_accounts_active_has_credentials',
      sql`${t.status} <> 'active' or (${t.passwordHash} is not null and ${t.totpSecret} is not null)`,
    ),
  ],
);

/** One-time invitation links; only the SHA-256 of the token is kept. */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staffAccounts.id),
    municipalityCode: text('municipality_code').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_invitations_token_key').on(t.tokenHash)],
);

/** Partner apps that call the API. Keys live in partner_api_keys so a key can be rotated without a new app. */
export const partnerApps = pgTable(
  'partner_apps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('partner_apps_status_check', sql`${t.status} in ('active', 'disabled')`)],
);

/**
 * API keys: `tsk_<prefix>_<secret>`. The prefix finds the row; only SHA-256 of the whole key is stored (a key is
 * 32 random bytes, so a slow hash adds nothing). Rotation adds a key and gives the old one a short grace period.
 */
export const partnerApiKeys = pgTable(
  'partner_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appId: uuid('app_id')
      .notNull()
      .references(() => partnerApps.id),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('partner_api_keys_prefix_key').on(t.prefix), index('partner_api_keys_app_idx').on(t.appId)],
);
