import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

// notify's own tables. Every row that concerns a parent carries household_id and municipality_code so the tenant
// policies (hand-written RLS migration) and a later shard key need no redesign.

export const NOTIFY_CATEGORIES = ['programs', 'deadlines', 'health', 'benefits', 'nursery', 'announcements'] as const;
export type NotifyCategory = (typeof NOTIFY_CATEGORIES)[number];

export const EXTERNAL_CHANNELS = ['line', 'web-push', 'email', 'webhook'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];
/** The in-app inbox is a channel of its own: its delivery is the message row, delivered when it is written. */
export type LedgerChannel = ExternalChannel | 'inbox';

export const DELIVERY_STATUSES = ['created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type Frequency = 'immediate' | 'monthly-digest';

export const notifyPreferences = pgTable(
  'notify_preferences',
  {
    parentId: uuid('parent_id').primaryKey(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    language: text('language').$type<'ja' | 'en'>().notNull().default('ja'),
    /** Outside channels the parent wants; the inbox is always on and is not listed. */
    channels: text('channels').array().$type<ExternalChannel[]>().notNull().default(sql`'{line,web-push,email}'`),
    unsubscribedCategories: text('unsubscribed_categories')
      .array()
      .$type<NotifyCategory[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Minutes after midnight, Asia/Tokyo. The default window is 21:00–08:00. */
    quietStartMinute: smallint('quiet_start_minute')
      .notNull()
      .default(21 * 60),
    quietEndMinute: smallint('quiet_end_minute')
      .notNull()
      .default(8 * 60),
    frequency: text('frequency').$type<Frequency>().notNull().default('immediate'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('notify_preferences_language_check', sql`${t.language} in ('ja', 'en')`),
    check('notify_preferences_frequency_check', sql`${t.frequency} in ('immediate', 'monthly-digest')`),
    check(
      'notify_preferences_quiet_check',
      sql`${t.quietStartMinute} between 0 and 1439 and ${t.quietEndMinute} between 0 and 1439`,
    ),
  ],
);

/** Where a parent can be reached outside Tsunagu: a LINE user of a municipality's channel, a push subscription… */
export const notifyEndpoints = pgTable(
  'notify_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    channel: text('channel').$type<ExternalChannel>().notNull(),
    /** LINE user id, push endpoint URL, e-mail address or webhook URL: one endpoint per parent and address. */
    addressKey: text('address_key').notNull(),
    /** The rest of the ChannelAddress (LINE channel id, push keys, webhook secret). */
    address: jsonb('address').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'active' | 'disabled'>().notNull().default('active'),
    disabledReason: text('disabled_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notify_endpoints_parent_address_idx').on(t.parentId, t.channel, t.addressKey),
    index('notify_endpoints_active_idx').on(t.parentId, t.status),
    check('notify_endpoints_channel_check', sql`${t.channel} in ('line', 'web-push', 'email', 'webhook')`),
    check('notify_endpoints_status_check', sql`${t.status} in ('active', 'disabled')`),
  ],
);

/** One LINE official account per municipality. The API base URL comes from config (LINE_API_BASE_URL). */
export const notifyLineChannels = pgTable('notify_line_channels', {
  municipalityCode: text('municipality_code').primaryKey(),
  channelId: text('channel_id').notNull(),
  channelSecret: text('channel_secret').notNull(),
  accessToken: text('access_token').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Keys made once per deployment: VAPID for Web Push and the HMAC key that signs unsubscribe links. */
export const notifyDeploymentKeys = pgTable('notify_deployment_keys', {
  id: text('id').primaryKey().default('default'),
  vapidPublicKey: text('vapid_public_key'),
  vapidPrivateKey: text('vapid_private_key'),
  linkSigningKey: text('link_signing_key').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Versioned message templates with ((variable)) personalisation; a new version never changes sent messages. */
export const notifyTemplates = pgTable(
  'notify_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    key: text('key').notNull(),
    version: integer('version').notNull(),
    category: text('category').$type<NotifyCategory>().notNull(),
    titleJa: text('title_ja').notNull(),
    bodyJa: text('body_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyEn: text('body_en').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('notify_templates_key_version_idx').on(t.key, t.version)],
);

export interface MessageWhy {
  /** The rule that picked this parent: 'age-window-entered', 'procedure-ends-soon', 'claim.status-changed', … */
  rule: string;
  programs?: { id: string; name: string; nameEn?: string; rule?: string }[];
  childId?: string;
  /** The child's age in whole months when the message was planned. */
  ageMonths?: number;
  pregnancyWeek?: number;
  detail?: string;
}

/** One message per recipient per source occurrence; the inbox shows these rows. */
export const notifyMessages = pgTable(
  'notify_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    /** What raised it: 'digest', 'checkup', 'claim.status-changed', 'announcement:<id>', … */
    source: text('source').notNull(),
    /** Which occurrence of the source: '2026-12:<childId>', '<claimId>:approved', … */
    occurrence: text('occurrence').notNull(),
    category: text('category').$type<NotifyCategory>().notNull(),
    templateKey: text('template_key').notNull(),
    templateVersion: integer('template_version').notNull(),
    language: text('language').$type<'ja' | 'en'>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Path inside the parent web the message points to (one-tap link). */
    linkPath: text('link_path'),
    why: jsonb('why').$type<MessageWhy>().notNull(),
    urgent: boolean('urgent').notNull().default(false),
    announcementId: uuid('announcement_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notify_messages_occurrence_idx').on(t.parentId, t.source, t.occurrence),
    index('notify_messages_inbox_idx').on(t.parentId, t.createdAt),
    index('notify_messages_announcement_idx').on(t.announcementId),
  ],
);

/**
 * The delivery ledger: one row per (message, channel endpoint). The idempotency key is unique, so planning twice or
 * a retried job can never add a second send; the status machine below is the only way a row moves.
 */
export const notifyDeliveries = pgTable(
  'notify_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => notifyMessages.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    channel: text('channel').$type<LedgerChannel>().notNull(),
    endpointId: uuid('endpoint_id').references(() => notifyEndpoints.id),
    /** sha256 of (recipient, source, occurrence, channel endpoint) as a UUID: also LINE's X-Line-Retry-Key. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('created'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when claimed: a batch is re-sent as the same batch, so a provider's retry key matches after a crash. */
    batchId: uuid('batch_id'),
    sendingSince: timestamp('sending_since', { withTimezone: true }),
    lastError: text('last_error'),
    providerReference: text('provider_reference'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    /**
     * The first time the parent opened the message through this delivery: the tracked link of a Web Push
     * notification, an e-mail or a LINE message, or (inbox row) the message opened from the inbox.
     */
    openedAt: timestamp('opened_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notify_deliveries_idempotency_idx').on(t.idempotencyKey),
    index('notify_deliveries_due_idx')
      .on(t.channel, t.nextAttemptAt)
      .where(sql`${t.status} in ('created', 'temporary-failure')`),
    index('notify_deliveries_sending_idx').on(t.channel, t.sendingSince).where(sql`${t.status} = 'sending'`),
    index('notify_deliveries_message_idx').on(t.messageId),
    check(
      'notify_deliveries_status_check',
      sql`${t.status} in ('created', 'sending', 'delivered', 'temporary-failure', 'permanent-failure')`,
    ),
    check('notify_deliveries_channel_check', sql`${t.channel} in ('inbox', 'line', 'web-push', 'email', 'webhook')`),
  ],
);

export const ANNOUNCEMENT_STATUSES = ['draft', 'approved', 'sent', 'cancelled'] as const;
export type AnnouncementStatus = (typeof ANNOUNCEMENT_STATUSES)[number];

/** Staff announcements to a segment; a second staff member approves before anything is planned. */
export const notifyAnnouncements = pgTable(
  'notify_announcements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: text('municipality_code').notNull(),
    category: text('category').$type<NotifyCategory>().notNull(),
    titleJa: text('title_ja').notNull(),
    bodyJa: text('body_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyEn: text('body_en').notNull(),
    ageMinMonths: integer('age_min_months'),
    ageMaxMonths: integer('age_max_months'),
    urgent: boolean('urgent').notNull().default(false),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status').$type<AnnouncementStatus>().notNull().default('draft'),
    createdBy: text('created_by').notNull(),
    approvedBy: text('approved_by'),
    targeted: integer('targeted'),
    /** The saved template version the texts were taken from (e.g. an approved assist draft); null: typed by staff. */
    templateKey: text('template_key'),
    templateVersion: integer('template_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('notify_announcements_template_pair', sql`(${t.templateKey} is null) = (${t.templateVersion} is null)`),
    check('notify_announcements_status_check', sql`${t.status} in ('draft', 'approved', 'sent', 'cancelled')`),
    check('notify_announcements_second_person', sql`${t.approvedBy} is null or ${t.approvedBy} <> ${t.createdBy}`),
  ],
);

/**
 * LINE account linking: the nonce we hand to LINE's account-link dialog, bound to the signed-in parent. LINE's
 * `accountLink` webhook brings it back with the LINE user id; a nonce links once and expires after 10 minutes.
 */
export const notifyLineLinkNonces = pgTable('notify_line_link_nonces', {
  nonce: text('nonce').primaryKey(),
  parentId: uuid('parent_id').notNull(),
  householdId: uuid('household_id').notNull(),
  municipalityCode: text('municipality_code').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/**
 * Non-urgent notices held for a parent who chose the monthly digest: rendered like a message, kept here instead of
 * the inbox and the channels, and folded into the next monthly digest (`folded_month`, `folded_into`). The key
 * (parent, source, occurrence) is the message's, so an event delivered twice is held once.
 */
export const notifyHeldNotices = pgTable(
  'notify_held_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id').notNull(),
    householdId: uuid('household_id').notNull(),
    municipalityCode: text('municipality_code').notNull(),
    source: text('source').notNull(),
    occurrence: text('occurrence').notNull(),
    category: text('category').$type<NotifyCategory>().notNull(),
    templateKey: text('template_key').notNull(),
    templateVersion: integer('template_version').notNull(),
    language: text('language').$type<'ja' | 'en'>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    linkPath: text('link_path'),
    why: jsonb('why').$type<MessageWhy>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** 'YYYY-MM' of the digest that carried it; null while it waits. */
    foldedMonth: text('folded_month'),
    foldedInto: uuid('folded_into').references(() => notifyMessages.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('notify_held_notices_occurrence_idx').on(t.parentId, t.source, t.occurrence),
    index('notify_held_notices_waiting_idx').on(t.municipalityCode, t.parentId).where(sql`${t.foldedMonth} is null`),
  ],
);
