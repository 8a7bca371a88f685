import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { notifyDeliveries, notifyMessages } from '../notify.tables.ts';
import { type ParentContext, parentIds } from './parent-context.ts';

/**
 * One message of the parent's, with its "why"; the first open is recorded (the dashboard's "opened"): on the message
 * (read/unread) and, unless the parent came through a channel's tracked link (already counted for that channel by
 * recordLinkOpen), on its inbox ledger row.
 */
export async function openMessage(ctx: ParentContext, input: { messageId: string; viaLink?: boolean }) {
  const { parentId, householdId } = parentIds(ctx);
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const [message] = await tx
      .select()
      .from(notifyMessages)
      .where(and(eq(notifyMessages.id, input.messageId), eq(notifyMessages.parentId, parentId)));
    if (!message) throw notFound({ en: 'No such notice.', ja: 'このお知らせは見つかりません。' });
    if (!message.openedAt) {
      await tx
        .update(notifyMessages)
        .set({ openedAt: ctx.services.now() })
        .where(and(eq(notifyMessages.id, message.id), isNull(notifyMessages.openedAt)));
    }
    if (!input.viaLink) {
      await tx
        .update(notifyDeliveries)
        .set({ openedAt: ctx.services.now() })
        .where(
          and(
            eq(notifyDeliveries.messageId, message.id),
            eq(notifyDeliveries.channel, 'inbox'),
            isNull(notifyDeliveries.openedAt),
          ),
        );
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'notify-message.read',
      resource: { type: 'notify-message', id: message.id },
      municipalityCode: message.municipalityCode,
      purpose: 'parent reads a notice',
      outcome: 'success',
      requestId: ctx.requestId ?? null,
    });
    return message;
  });
}
