import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { notifyMessages } from '../notify.tables.ts';
import { type ParentContext, parentIds } from './parent-context.ts';

export interface InboxItem {
  id: string;
  title: string;
  category: string;
  createdAt: Date;
  opened: boolean;
}

/** The parent's inbox, newest first (messages carry children's names, so the read is audited). */
export async function listInbox(ctx: ParentContext, input: { limit?: number } = {}): Promise<InboxItem[]> {
  const { parentId, householdId } = parentIds(ctx);
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const rows = await tx
      .select({
        id: notifyMessages.id,
        title: notifyMessages.title,
        category: notifyMessages.category,
        createdAt: notifyMessages.createdAt,
        openedAt: notifyMessages.openedAt,
      })
      .from(notifyMessages)
      .where(and(eq(notifyMessages.parentId, parentId), eq(notifyMessages.householdId, householdId)))
      .orderBy(desc(notifyMessages.createdAt))
      .limit(input.limit ?? 100);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'notify-inbox.read',
      resource: { type: 'parent', id: parentId },
      purpose: 'parent reads their own notices',
      outcome: 'success',
      requestId: ctx.requestId ?? null,
      detail: { count: rows.length },
    });
    return rows.map((r) => ({ ...r, opened: r.openedAt !== null }));
  });
}
