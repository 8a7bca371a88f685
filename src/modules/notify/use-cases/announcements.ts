import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { AppError, badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import { defineJob } from '../../../platform/jobs/job-registry.ts';
import type { AppServices } from '../../../platform/services.ts';
import { enqueueDueSends } from '../delivery/enqueue-sends.ts';
import { deliveriesForInsertedMessagesSql } from '../delivery/ledger-sql.ts';
import type { NotifyCategory } from '../notify.tables.ts';
import { latestTemplate } from '../templates/latest-templates.ts';

declare module '../../../platform/jobs/job-registry.ts' {
  interface JobPayloads {
    'notify.send-announcement': { announcementId: string };
  }
}

export interface AnnouncementInput {
  municipalityCode: string;
  category: NotifyCategory;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
  ageMinMonths?: number | null;
  ageMaxMonths?: number | null;
  urgent?: boolean;
  sendAt: Date;
  /**
   * The template version the texts come from, when they are a saved template's (assist's approved drafts save
   * `program-announcement` versions); the messages then record it instead of the generic `announcement` template.
   */
  template?: { key: string; version: number };
}

/** Parents in the segment: the municipality's parents with a child whose age in months is in [min, max). */
function segmentSql(
  a: { municipality_code: string; age_min_months: number | null; age_max_months: number | null },
  at: Date,
) {
  return sql`
    select distinct r.parent_id, c.household_id, c.municipality_code
      from children c join household_relationships r on r.child_id = c.id
     where c.municipality_code = ${a.municipality_code}
       and (${a.age_min_months}::int is null or c.birth_date <= (${at}::timestamptz at time zone 'Asia/Tokyo')::date - make_interval(months => ${a.age_min_months}::int))
       and (${a.age_max_months}::int is null or c.birth_date > (${at}::timestamptz at time zone 'Asia/Tokyo')::date - make_interval(months => ${a.age_max_months}::int))`;
}

/**
 * Recipients as the send would pick them now: the segment's parents, less those who unsubscribed from the
 * category (unless the announcement is urgent) — the same filter as sendAnnouncement.
 */
async function countSegment(
  db: DbOrTx,
  a: Parameters<typeof segmentSql>[0],
  filter: { category: NotifyCategory; urgent: boolean },
  at: Date,
): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (${segmentSql(a, at)}) s
      left join notify_preferences pref on pref.parent_id = s.parent_id
     where ${filter.urgent} or not coalesce(${filter.category} = any(pref.unsubscribed_categories), false)`);
  return r.rows[0]?.n ?? 0;
}

export type SegmentInput = Pick<
  AnnouncementInput,
  'municipalityCode' | 'category' | 'ageMinMonths' | 'ageMaxMonths' | 'urgent'
>;

async function checkedSegment(services: AppServices, actor: Actor, input: SegmentInput, requestId?: string) {
  await authorize({ db: services.db, requestId: requestId ?? null }, actor, 'notice.send', {
    municipalityCode: input.municipalityCode,
    resource: { type: 'notify-announcement' },
  });
  if (input.ageMinMonths != null && input.ageMaxMonths != null && input.ageMinMonths >= input.ageMaxMonths) {
    throw badRequest('notify-age-range', 'body.ageMaxMonths', {
      en: 'The upper age must be above the lower age.',
      ja: '年齢の上限は下限より大きくしてください。',
    });
  }
  return {
    municipality_code: input.municipalityCode,
    age_min_months: input.ageMinMonths ?? null,
    age_max_months: input.ageMaxMonths ?? null,
  };
}

/** The recipient count of a segment before anything is saved (the staff page's 「対象人数を確認」). Counts only. */
export async function previewAnnouncement(
  services: AppServices,
  actor: Actor,
  input: SegmentInput,
  requestId?: string,
): Promise<number> {
  const segment = await checkedSegment(services, actor, input, requestId);
  return countSegment(
    services.db,
    segment,
    { category: input.category, urgent: input.urgent ?? false },
    services.now(),
  );
}

/** A staff member drafts an announcement; the answer carries the recipient count as it would be now. */
export async function draftAnnouncement(
  services: AppServices,
  actor: Actor,
  input: AnnouncementInput,
  requestId?: string,
) {
  const segment = await checkedSegment(services, actor, input, requestId);
  return services.db.transaction(async (tx) => {
    const targeted = await countSegment(
      tx,
      segment,
      { category: input.category, urgent: input.urgent ?? false },
      services.now(),
    );
    const r = await tx.execute<{ id: string }>(sql`
      insert into notify_announcements (municipality_code, category, title_ja, body_ja, title_en, body_en,
        age_min_months, age_max_months, urgent, send_at, created_by, targeted, template_key, template_version)
      values (${input.municipalityCode}, ${input.category}, ${input.titleJa}, ${input.bodyJa}, ${input.titleEn},
        ${input.bodyEn}, ${segment.age_min_months}, ${segment.age_max_months}, ${input.urgent ?? false},
        ${input.sendAt}, ${actor.id!}, ${targeted}, ${input.template?.key ?? null}, ${input.template?.version ?? null})
      returning id`);
    const id = r.rows[0]!.id;
    await recordAudit(tx, {
      actor,
      action: 'notify-announcement.draft',
      resource: { type: 'notify-announcement', id },
      municipalityCode: input.municipalityCode,
      purpose: 'staff draft an announcement to parents',
      outcome: 'success',
      requestId: requestId ?? null,
      detail: { targeted },
    });
    return { id, targeted, status: 'draft' as const };
  });
}

/**
 * A SECOND staff member approves: the author cannot (checked here and by the table's CHECK). Approval schedules the
 * send for `send_at` on the queue; the status machine is draft → approved → sent.
 */
export async function approveAnnouncement(
  services: AppServices,
  actor: Actor,
  input: { id: string; requestId?: string },
) {
  return services.db.transaction(async (tx) => {
    const r = await tx.execute<{ municipality_code: string; created_by: string; status: string; send_at: Date }>(
      sql`select municipality_code, created_by, status, send_at from notify_announcements where id = ${input.id} for update`,
    );
    const a = r.rows[0];
    if (!a) throw notFound({ en: 'No such announcement.', ja: 'このお知らせはありません。' });
    await authorize({ db: services.db, requestId: input.requestId ?? null }, actor, 'notice.send', {
      municipalityCode: a.municipality_code,
      resource: { type: 'notify-announcement', id: input.id },
    });
    if (a.created_by === actor.id) {
      throw new AppError('notify-four-eyes', 403, {
        en: 'Another staff member must approve an announcement you drafted.',
        ja: '自分が作成したお知らせは、別の職員が承認してください。',
      });
    }
    if (a.status !== 'draft') {
      throw conflict('notify-announcement-status', {
        en: `The announcement is ${a.status}.`,
        ja: 'このお知らせは承認できる状態ではありません。',
      });
    }
    await tx.execute(
      sql`update notify_announcements set status = 'approved', approved_by = ${actor.id!} where id = ${input.id}`,
    );
    await services.jobs.enqueue(
      tx,
      'notify.send-announcement',
      { announcementId: input.id },
      {
        startAfter: new Date(a.send_at),
        singletonKey: input.id,
      },
    );
    await recordAudit(tx, {
      actor,
      action: 'notify-announcement.approve',
      resource: { type: 'notify-announcement', id: input.id },
      municipalityCode: a.municipality_code,
      purpose: 'second staff member approves an announcement',
      outcome: 'success',
      requestId: input.requestId ?? null,
    });
    return { id: input.id, status: 'approved' as const };
  });
}

/** The scheduled send: one message per parent of the segment, set-based, then the announcement is `sent`. */
export async function sendAnnouncement(services: AppServices, announcementId: string): Promise<number> {
  const template = await latestTemplate(services.db, 'announcement');
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const r = await tx.execute<{
      id: string;
      municipality_code: string;
      category: string;
      title_ja: string;
      body_ja: string;
      title_en: string;
      body_en: string;
      age_min_months: number | null;
      age_max_months: number | null;
      urgent: boolean;
      status: string;
      template_key: string | null;
      template_version: number | null;
    }>(sql`select * from notify_announcements where id = ${announcementId} for update`);
    const a = r.rows[0];
    if (a?.status !== 'approved') return 0;
    const result = await tx.execute<{ n: number }>(sql`
      with inserted as (
        insert into notify_messages (parent_id, household_id, municipality_code, source, occurrence, category,
          template_key, template_version, language, title, body, why, urgent, announcement_id, created_at)
        select s.parent_id, s.household_id, s.municipality_code, 'announcement', ${a.id}, ${a.category},
               ${a.template_key ?? 'announcement'}, ${a.template_version ?? template.version},
               coalesce(pref.language, 'ja'),
               case when pref.language = 'en' then ${a.title_en} else ${a.title_ja} end,
               case when pref.language = 'en' then ${a.body_en} else ${a.body_ja} end,
               jsonb_build_object('rule', 'announcement', 'detail', ${a.municipality_code}::text),
               ${a.urgent}, ${a.id}, ${now}
          from (${segmentSql(a, now)}) s
          left join notify_preferences pref on pref.parent_id = s.parent_id
         where ${a.urgent} or not coalesce(${a.category} = any(pref.unsubscribed_categories), false)
        on conflict (parent_id, source, occurrence) do nothing
        returning *
      ), ledger as (
        ${sql.raw(deliveriesForInsertedMessagesSql('inserted', `'${now.toISOString()}'::timestamptz`))}
        returning 1
      )
      select (select count(*) from inserted)::int as n`);
    await tx.execute(sql`update notify_announcements set status = 'sent' where id = ${a.id}`);
    await enqueueDueSends(services, tx);
    return result.rows[0]?.n ?? 0;
  });
}

export const sendAnnouncementJob = defineJob({
  name: 'notify.send-announcement',
  async handle(services, { announcementId }) {
    const written = await sendAnnouncement(services, announcementId);
    services.log.info({ announcementId, written }, 'announcement sent');
  },
});
