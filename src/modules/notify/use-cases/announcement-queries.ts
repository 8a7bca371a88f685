import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import type { AnnouncementStatus, NotifyCategory } from '../notify.tables.ts';

export interface AnnouncementSummary {
  id: string;
  municipalityCode: string;
  category: NotifyCategory;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  ageMinMonths: number | null;
  ageMaxMonths: number | null;
  urgent: boolean;
  sendAt: Date;
  status: AnnouncementStatus;
  createdBy: string;
  approvedBy: string | null;
  /** Recipients counted when drafted. */
  targeted: number | null;
  /** Messages written when it was sent. */
  messages: number;
  createdAt: Date;
}

export interface AnnouncementChannelRow {
  channel: string;
  targeted: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
}

const summarySql = sql`
  select a.id, a.municipality_code as "municipalityCode", a.category, a.title_ja as "titleJa", a.title_en as "titleEn",
         a.body_ja as "bodyJa", a.body_en as "bodyEn", a.age_min_months as "ageMinMonths",
         a.age_max_months as "ageMaxMonths", a.urgent, a.send_at as "sendAt", a.status, a.created_by as "createdBy",
         a.approved_by as "approvedBy", a.targeted, a.created_at as "createdAt",
         (select count(*) from notify_messages m where m.announcement_id = a.id)::int as messages
    from notify_announcements a`;

const asSummary = (r: Record<string, unknown>) =>
  ({ ...r, sendAt: new Date(r.sendAt as string), createdAt: new Date(r.createdAt as string) }) as AnnouncementSummary;

/** The staff member's municipality's announcements (Tokyo-wide staff: all), newest first, in the tenant scope. */
export async function listAnnouncements(
  services: AppServices,
  actor: Actor,
  input: { requestId?: string } = {},
): Promise<AnnouncementSummary[]> {
  const scope = await authorize({ db: services.db, requestId: input.requestId ?? null }, actor, 'notice.report', {
    municipalityCode: actor.municipalityCode ?? null,
    resource: { type: 'notify-announcement' },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const r = await tx.execute<Record<string, unknown>>(sql`${summarySql} order by a.created_at desc, a.id limit 200`);
    return r.rows.map(asSummary);
  });
}

/**
 * One announcement and its delivery figures per channel: targeted (ledger rows), sent (left `created`), delivered,
 * failed (permanent) and opened — the inbox row when the parent opened it in the inbox, the other channels when the
 * parent followed that channel's tracked link (Web Push click, e-mail or LINE link). Row-level security hides
 * another municipality's announcement, which then reads as not found.
 */
export async function announcementReport(
  services: AppServices,
  actor: Actor,
  input: { id: string; requestId?: string },
): Promise<{ announcement: AnnouncementSummary; channels: AnnouncementChannelRow[] }> {
  const scope = await authorize({ db: services.db, requestId: input.requestId ?? null }, actor, 'notice.report', {
    municipalityCode: actor.municipalityCode ?? null,
    resource: { type: 'notify-announcement', id: input.id },
  });
  return withTenantScope(services.db, scope, async (tx) => {
    const r = await tx.execute<Record<string, unknown>>(sql`${summarySql} where a.id = ${input.id}`);
    const row = r.rows[0];
    if (!row) throw notFound({ en: 'No such announcement.', ja: 'このお知らせはありません。' });
    const channels = await tx.execute<Record<string, unknown>>(sql`
      select d.channel,
             count(*)::int as targeted,
             count(*) filter (where d.status <> 'created')::int as sent,
             count(*) filter (where d.status = 'delivered')::int as delivered,
             count(*) filter (where d.status = 'permanent-failure')::int as failed,
             count(*) filter (where d.opened_at is not null)::int as opened
        from notify_messages m join notify_deliveries d on d.message_id = m.id
       where m.announcement_id = ${input.id}
       group by d.channel order by d.channel`);
    return { announcement: asSummary(row), channels: channels.rows as unknown as AnnouncementChannelRow[] };
  });
}
