import { desc, eq } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { applications } from './application.tables.ts';
import type { ParentContext } from './submit-application.ts';

/** The household's applications, newest first. */
export async function listOwnApplications(ctx: ParentContext) {
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-application.apply', {
    householdId: ctx.actor.householdId ?? null,
  });
  return ctx.services.db
    .select({
      id: applications.id,
      childName: applications.childName,
      roundMonth: applications.roundMonth,
      status: applications.status,
    })
    .from(applications)
    .where(eq(applications.householdId, ctx.actor.householdId!))
    .orderBy(desc(applications.createdAt));
}
