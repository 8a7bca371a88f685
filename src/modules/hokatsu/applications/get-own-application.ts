import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { loadApplication } from './application.repository.ts';
import { ownApplication } from './own-application.ts';
import type { ParentContext } from './submit-application.ts';

/** One of the household's applications; the read is audited. */
export async function getOwnApplication(ctx: ParentContext, id: string) {
  const where = await ownApplication(ctx, id);
  return withTenantScope(ctx.services.db, where.scope, async (tx) => {
    const app = await loadApplication(tx, id);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.read',
      resource: { type: 'nursery-application', id },
      municipalityCode: where.municipalityCode,
      purpose: 'parent checks their application',
      outcome: 'success',
    });
    return app;
  });
}
