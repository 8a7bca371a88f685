import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict, notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';

/**
 * Any staff member who may send notices in the municipality stops an announcement before it goes out: draft or
 * approved → cancelled. The scheduled send job stays on the queue and finds nothing to do (sendAnnouncement only
 * sends an `approved` one), so a cancel racing the send either wins under the row lock or answers 409 `sent`.
 */
export async function cancelAnnouncement(
  services: AppServices,
  actor: Actor,
  input: { id: string; requestId?: string },
) {
  return services.db.transaction(async (tx) => {
    const r = await tx.execute<{ municipality_code: string; status: string }>(
      sql`select municipality_code, status from notify_announcements where id = ${input.id} for update`,
    );
    const a = r.rows[0];
    if (!a) throw notFound({ en: 'No such announcement.', ja: 'このお知らせはありません。' });
    await authorize({ db: services.db, requestId: input.requestId ?? null }, actor, 'notice.send', {
      municipalityCode: a.municipality_code,
      resource: { type: 'notify-announcement', id: input.id },
    });
    if (a.status !== 'draft' && a.status !== 'approved') {
      throw conflict('notify-announcement-status', {
        en: `The announcement is ${a.status}; only one not yet sent can be cancelled.`,
        ja: '送信前のお知らせだけを取り消せます。',
      });
    }
    await tx.execute(sql`update notify_announcements set status = 'cancelled' where id = ${input.id}`);
    await recordAudit(tx, {
      actor,
      action: 'notify-announcement.cancel',
      resource: { type: 'notify-announcement', id: input.id },
      municipalityCode: a.municipality_code,
      purpose: 'staff cancel an announcement before it is sent',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { from: a.status },
    });
    return { id: input.id, status: 'cancelled' as const };
  });
}
