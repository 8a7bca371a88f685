import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const PRINCIPAL_TYPES = ['parent', 'staff'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export const SESSION_STAGES = ['totp-pending', 'active'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

/**
 * Server-side sessions. The cookie carries a random token; the row is keyed by its SHA-256, so a database leak
 * gives no usable cookie. A staff session starts 'totp-pending' after the password and becomes 'active' after TOTP.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    principalType: text('principal_type').$type<PrincipalType>().notNull(),
    principalId: uuid('principal_id').notNull(),
    stage: text('stage').$type<SessionStage>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_principal_idx').on(t.principalType, t.principalId),
    check('sessions_principal_type_check', sql`${t.principalType} in ('parent', 'staff')`),
    check('sessions_stage_check', sql`${t.stage} in ('totp-pending', 'active')`),
  ],
);

/**
 * One sign-in with an OpenID provider in flight: state, nonce and PKCE verifier stay on the server and are consumed
 * once, so a replayed or forged callback finds nothing. The browser holds only a signed cookie naming the row.
 */
export const oidcLoginRequests = pgTable('oidc_login_requests', {
  id: text('id').primaryKey(),
  state: text('state').notNull(),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  returnTo: text('return_to').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  consumedAt: timestamp('consumed_at', { withTimezone: true }),
});
