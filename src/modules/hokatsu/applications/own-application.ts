import { authorize } from '../../../platform/access/authorize.ts';
import { applicationNotFound, locateApplication } from './application.repository.ts';
import type { ParentContext } from './submit-application.ts';

/** Where one of the household's own applications lives; anyone else's is "not found" (its existence is not theirs). */
export async function ownApplication(ctx: ParentContext, id: string) {
  const where = await locateApplication(ctx.services.db, id).catch(() => null);
  if (!where || where.householdId !== ctx.actor.householdId) throw applicationNotFound();
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-application.apply',
    { householdId: where.householdId, resource: { type: 'nursery-application', id } },
  );
  return { ...where, scope };
}
