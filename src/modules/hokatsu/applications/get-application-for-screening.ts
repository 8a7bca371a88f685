import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { loadApplication } from './application.repository.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';
import { type StaffContext, screenerFor } from './staff-context.ts';

/** One application for screening, with the rules engine's line-by-line index computed from its answers now. */
export async function getApplicationForScreening(ctx: StaffContext, id: string) {
  const where = await screenerFor(ctx, id);
  return withTenantScope(ctx.services.db, where.scope, async (tx) => {
    const app = await loadApplication(tx, id);
    const rules = rulesForApplication(app.municipalityCode, app.roundMonth.slice(0, 7));
    const index = indexFromAnswers(rules, app.answers, 'answers');
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.read',
      resource: { type: 'nursery-application', id },
      municipalityCode: where.municipalityCode,
      purpose: 'screening',
      outcome: 'success',
    });
    return {
      ...app,
      engine: {
        total: index.total,
        lines: index.lines,
        rules: `${rules.municipality}/${rules.fiscalYear} v${rules.version}`,
      },
    };
  });
}
