import { and, asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import { getHousehold, registerChild } from '../../identity/index.ts';
import { type ParentContext, requireParent } from '../use-cases/household-benefits.ts';
import './birth-events.ts';
import { birthReports } from './birth-reports.tables.ts';

const notFound = () =>
  new AppError('not-found', 404, { en: 'No such birth report.', ja: '該当する出生届はありません。' });

/** The births reported for the parent's household that wait for the parent's confirmation. */
export async function listPendingBirths(ctx: ParentContext) {
  const { parentId, householdId } = requireParent(ctx.actor);
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const rows = await tx
      .select()
      .from(birthReports)
      .where(and(eq(birthReports.householdId, householdId), eq(birthReports.status, 'reported')))
      .orderBy(asc(birthReports.reportedAt));
    for (const row of rows) {
      await recordAudit(tx, {
        actor: { type: 'parent', id: parentId },
        action: 'birth-report.read',
        resource: { type: 'birth-report', id: row.id },
        municipalityCode: row.municipalityCode,
        purpose: 'parent sees a reported birth',
        outcome: 'success',
        requestId: ctx.requestId,
      });
    }
    return rows.map((r) => ({
      id: r.id,
      childName: r.childName,
      childNameKana: r.childNameKana,
      birthDate: r.birthDate,
      sex: r.sex,
    }));
  });
}

/**
 * One tap: the reported child joins the parent's household through identity's `registerChild` (identity writes its
 * own tables and raises `child.registered`), the report is marked confirmed and `birth.confirmed` is raised. The
 * report row is locked for the whole step, so a double tap waits and then finds it confirmed: one child, not two.
 * (If the process dies between identity's commit and ours, a retry would add the child again; a shared transaction
 * across the two modules' use cases would close that gap.)
 */
export async function confirmBirth(ctx: ParentContext, input: { birthReportId: string }) {
  const { parentId, householdId } = requireParent(ctx.actor);
  // The household's scope: another household's report is invisible here as well as refused below.
  return withTenantScope(ctx.services.db, { kind: 'household', householdId }, async (tx) => {
    const [report] = await tx.select().from(birthReports).where(eq(birthReports.id, input.birthReportId)).for('update');
    if (!report || report.householdId !== householdId) {
      await recordAudit(ctx.services.db, {
        actor: ctx.actor,
        action: 'birth-report.confirm',
        resource: { type: 'birth-report', id: input.birthReportId },
        municipalityCode: report?.municipalityCode ?? null,
        purpose: 'parent confirms a reported birth',
        outcome: 'denied',
        requestId: ctx.requestId,
      });
      throw notFound();
    }
    if (report.status === 'confirmed') return { childId: report.childId!, alreadyConfirmed: true };
    // The parent's relationship to the child as the report states it, matched on the verified name.
    const household = await getHousehold(ctx, { householdId, purpose: 'confirm a reported birth' });
    const me = household.parents.find((p) => p.id === parentId);
    const compact = (name: string) => name.replaceAll(/[\s　]/g, '');
    const relationship =
      report.parents.find((p) => me && compact(p.name) === compact(me.name))?.relationship ?? 'guardian';
    const child = await registerChild(ctx, {
      name: report.childName,
      nameKana: report.childNameKana,
      birthDate: report.birthDate,
      sex: report.sex,
      relationship,
    });
    await tx
      .update(birthReports)
      .set({ status: 'confirmed', childId: child.id, confirmedAt: ctx.services.now() })
      .where(eq(birthReports.id, report.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'birth-report.confirm',
      resource: { type: 'birth-report', id: report.id },
      municipalityCode: report.municipalityCode,
      purpose: 'parent confirms a reported birth',
      outcome: 'success',
      requestId: ctx.requestId,
      detail: { childId: child.id },
    });
    await ctx.services.events.publish(
      tx,
      'birth.confirmed',
      { birthReportId: report.id, householdId, childId: child.id, birthDate: report.birthDate },
      { municipalityCode: report.municipalityCode, requestId: ctx.requestId },
    );
    return { childId: child.id, alreadyConfirmed: false };
  });
}
