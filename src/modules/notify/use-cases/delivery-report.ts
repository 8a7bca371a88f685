import { sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';

export interface ReportRow {
  month: string;
  channel: string;
  targeted: number;
  sent: number;
  delivered: number;
  failed: number;
  opened: number;
}

/**
 * Delivery figures per month (Asia/Tokyo) and channel for the staff member's municipality (Tokyo-wide staff: all):
 * targeted = ledger rows, sent = rows that left `created`, delivered, failed (permanent), opened = rows the parent
 * opened through (inbox: opened in the inbox; Web Push, e-mail, LINE: the channel's tracked link followed). Runs in the staff member's tenant scope, so row-level security bounds it too. Counts only.
 */
export async function deliveryReport(
  services: AppServices,
  actor: Actor,
  input: { months?: number; requestId?: string } = {},
): Promise<ReportRow[]> {
  const scope = await authorize({ db: services.db, requestId: input.requestId ?? null }, actor, 'notice.report', {
    municipalityCode: actor.municipalityCode ?? null,
    resource: { type: 'notify-report' },
  });
  const since = new Date(services.now().getTime() - (input.months ?? 6) * 31 * 24 * 3600 * 1000);
  return withTenantScope(services.db, scope, async (tx) => {
    const result = await tx.execute<{
      month: string;
      channel: string;
      targeted: number;
      sent: number;
      delivered: number;
      failed: number;
      opened: number;
    }>(sql`
      select to_char(d.created_at at time zone 'Asia/Tokyo', 'YYYY-MM') as month, d.channel,
             count(*)::int as targeted,
             count(*) filter (where d.status <> 'created')::int as sent,
             count(*) filter (where d.status = 'delivered')::int as delivered,
             count(*) filter (where d.status = 'permanent-failure')::int as failed,
             count(*) filter (where d.opened_at is not null)::int as opened
        from notify_deliveries d join notify_messages m on m.id = d.message_id
       where d.created_at >= ${since}
       group by 1, 2 order by 1 desc, 2`);
    return result.rows.map((r) => ({ ...r }));
  });
}
