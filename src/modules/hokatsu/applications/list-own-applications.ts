import { desc, eq } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { applications } from './application.tables.ts';
import type { ParentContext } from './submit-application.ts';

/** The household's applications, newest first. */
export async function listOwnApplications(ctx: ParentContext) {
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-application.apply',
    { householdId: ctx.actor.householdId ?? null },
  );
  return withTenantScope(ctx.services.db, scope, (tx) =>
    tx
      .select({
        id: applications.id,
        childName: applications.childName,
        roundMonth: applications.roundMonth,
        status: applications.status,
      })
      .from(applications)
      .where(eq(applications.householdId, ctx.actor.householdId!))
      .orderBy(desc(applications.createdAt)),
  );
}
