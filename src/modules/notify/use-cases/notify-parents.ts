import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import type { AppServices } from '../../../platform/services.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { deliveriesForInsertedMessagesSql } from '../delivery/ledger-sql.ts';
import type { Frequency, MessageWhy, NotifyCategory } from '../notify.tables.ts';
import { parentsOfHousehold, type Recipient, recipientForParent } from '../planning/identity-reads.ts';
import { latestTemplate } from '../templates/latest-templates.ts';
import { TEMPLATE_CATALOG, type TemplateKey } from '../templates/template-catalog.ts';
import { renderTemplate } from '../templates/template-text.ts';

/**
 * THE transactional interface of notify (see README "Sending a notice from another module"). A subscriber calls it
 * with the event's ids; notify picks the recipients, their language and channels, renders the template, writes the
 * messages and ledger rows and enqueues the sends — all in `tx`, so a rolled-back change sends nothing.
 *
 * Idempotent: (parent, source, occurrence) is unique, so a subscriber that runs twice for one event (at-least-once
 * delivery of domain events) writes nothing the second time.
 *
 * A parent whose frequency is the monthly digest gets a non-urgent notice held (notify_held_notices) instead, and
 * the next monthly plan folds it into one digest message; urgent notices go at once to everyone.
 */
export interface NotifyParentsInput {
  /** A parent, or every parent of a household. */
  to: { parentId: string } | { householdId: string };
  /** What raised the notice, e.g. the event type: 'claim.status-changed'. */
  source: string;
  /** Which occurrence of it, unique per source: e.g. `${claimId}:${to}`. */
  occurrence: string;
  template: TemplateKey;
  /** Values for the template's variables, per language (dates and labels differ). */
  variables: { ja: Record<string, string>; en: Record<string, string> };
  why: MessageWhy;
  /** Path in the parent web that the message's one-tap link opens. */
  linkPath?: string;
  /** Urgent notices ignore quiet hours (deadlines that cannot wait). */
  urgent?: boolean;
  announcementId?: string;
}

export async function notifyParents(services: AppServices, tx: DbOrTx, input: NotifyParentsInput): Promise<number> {
  const recipients: Recipient[] =
    'parentId' in input.to
      ? [await recipientForParent(tx, input.to.parentId)].filter((r): r is Recipient => r !== undefined)
      : await parentsOfHousehold(tx, input.to.householdId);
  if (recipients.length === 0) return 0;
  const template = await latestTemplate(tx, input.template);
  const category = TEMPLATE_CATALOG[input.template].category;
  const now = services.now();
  let written = 0;
  for (const recipient of recipients) {
    const prefs = await tx.execute<{ language: 'ja' | 'en'; unsubscribed: string[]; frequency: Frequency }>(
      sql`select language, unsubscribed_categories as unsubscribed, frequency from notify_preferences where parent_id = ${recipient.parentId}`,
    );
    const language = prefs.rows[0]?.language ?? 'ja';
    // Urgent notices (deadlines) still reach a parent who unsubscribed from the category's routine messages.
    if (!input.urgent && prefs.rows[0]?.unsubscribed.includes(category)) continue;
    const values = input.variables[language];
    const title = renderTemplate(language === 'ja' ? template.titleJa : template.titleEn, values);
    const body = renderTemplate(language === 'ja' ? template.bodyJa : template.bodyEn, values);
    const row = {
      recipient,
      category,
      templateVersion: template.version,
      language,
      title,
      body,
      now,
    };
    // A parent who chose the monthly digest gets non-urgent notices folded into the next digest; urgent ones go now.
    const held = !input.urgent && prefs.rows[0]?.frequency === 'monthly-digest';
    if (await (held ? holdNotice(tx, input, row) : writeMessage(tx, input, row))) written += 1;
  }
  await enqueueDueSends(services, tx);
  return written;
}

interface RenderedRow {
  recipient: Recipient;
  category: NotifyCategory;
  templateVersion: number;
  language: 'ja' | 'en';
  title: string;
  body: string;
  now: Date;
}

/**
 * The message, its inbox row and one ledger row per active endpoint. Skipped when the same notice was held for the
 * digest (the parent switched frequency between two deliveries of one event).
 */
async function writeMessage(tx: DbOrTx, input: NotifyParentsInput, m: RenderedRow): Promise<boolean> {
  const { recipient } = m;
  const result = await tx.execute(sql`
    with inserted as (
      insert into notify_messages (parent_id, household_id, municipality_code, source, occurrence, category,
        template_key, template_version, language, title, body, link_path, why, urgent, announcement_id, created_at)
      select ${recipient.parentId}, ${recipient.householdId}, ${recipient.municipalityCode}, ${input.source},
        ${input.occurrence}, ${m.category}, ${input.template}, ${m.templateVersion}, ${m.language}, ${m.title}, ${m.body},
        ${input.linkPath ?? null}, ${JSON.stringify(input.why)}::jsonb, ${input.urgent ?? false},
        ${input.announcementId ?? null}::uuid, ${m.now}::timestamptz
       where not exists (select 1 from notify_held_notices h where h.parent_id = ${recipient.parentId}
                            and h.source = ${input.source} and h.occurrence = ${input.occurrence})
      on conflict (parent_id, source, occurrence) do nothing
      returning *
    )
    ${sql.raw(deliveriesForInsertedMessagesSql('inserted', `'${m.now.toISOString()}'::timestamptz`))}`);
  return (result.rowCount ?? 0) > 0;
}

/** Kept for the monthly digest (planning/plan-monthly-digest.ts folds it); nothing is sent now. */
async function holdNotice(tx: DbOrTx, input: NotifyParentsInput, m: RenderedRow): Promise<boolean> {
  const { recipient } = m;
  const result = await tx.execute(sql`
    insert into notify_held_notices (parent_id, household_id, municipality_code, source, occurrence, category,
      template_key, template_version, language, title, body, link_path, why, created_at)
    select ${recipient.parentId}, ${recipient.householdId}, ${recipient.municipalityCode}, ${input.source},
      ${input.occurrence}, ${m.category}, ${input.template}, ${m.templateVersion}, ${m.language}, ${m.title}, ${m.body},
      ${input.linkPath ?? null}, ${JSON.stringify(input.why)}::jsonb, ${m.now}::timestamptz
     where not exists (select 1 from notify_messages x where x.parent_id = ${recipient.parentId}
                          and x.source = ${input.source} and x.occurrence = ${input.occurrence})
    on conflict (parent_id, source, occurrence) do nothing`);
  return (result.rowCount ?? 0) > 0;
}
