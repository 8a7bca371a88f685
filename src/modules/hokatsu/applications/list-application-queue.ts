import { and, asc, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { adjustmentTotal } from './application.repository.ts';
import { type ApplicationStatus, applications } from './application.tables.ts';
import type { StaffContext } from './staff-context.ts';

/** The screener's queue: their municipality's applications (Tokyo-wide staff see every municipality). */
export async function listApplicationQueue(ctx: StaffContext, filter: { status?: ApplicationStatus } = {}) {
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-application.screen',
    { resource: { type: 'nursery-application' } },
  );
  // The explicit filter stays; row-level security enforces the same scope underneath.
  return withTenantScope(ctx.services.db, scope, async (tx) => {
    const rows = await tx
      .select({
        id: applications.id,
        municipalityCode: applications.municipalityCode,
        childName: applications.childName,
        roundMonth: applications.roundMonth,
        ageClass: applications.ageClass,
        status: applications.status,
        finalIndex: sql<number>`${applications.computedIndex} + ${adjustmentTotal}`,
      })
      .from(applications)
      .where(
        and(
          scope.kind === 'municipality' ? eq(applications.municipalityCode, scope.municipalityCode) : undefined,
          filter.status ? eq(applications.status, filter.status) : undefined,
        ),
      )
      .orderBy(asc(applications.roundMonth), asc(applications.createdAt))
      .limit(500);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.list',
      resource: { type: 'nursery-application' },
      municipalityCode: scope.kind === 'municipality' ? scope.municipalityCode : null,
      purpose: 'screening queue',
      outcome: 'success',
      detail: { rows: rows.length },
    });
    return rows;
  });
}
