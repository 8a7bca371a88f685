import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest, conflict } from '../../../platform/http/app-error.ts';
import { APPLICATION_TRANSITIONS, applications } from './application.tables.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';
import { SCREENING_STATUSES, type ScreeningStatus, type StaffContext, screenerFor } from './staff-context.ts';

/** Staff move an application along the status machine; the index is recomputed by the engine when it is re-read. */
export async function changeApplicationStatus(
  ctx: StaffContext,
  input: { id: string; to: ScreeningStatus; fixRequest?: string | null },
) {
  const where = await screenerFor(ctx, input.id);
  if (!SCREENING_STATUSES.includes(input.to)) {
    throw badRequest('invalid-status', 'body.status', {
      en: 'Staff set in-review, needs-fix or ready',
      ja: '職員が設定できる状態は 審査中・要修正・審査完了 です',
    });
  }
  const fix = input.fixRequest?.trim() ?? '';
  if (input.to === 'needs-fix' && fix.length < 2) {
    throw badRequest('fix-request-required', 'body.fixRequest', {
      en: 'Tell the parent what to fix',
      ja: '修正してほしい内容を入力してください',
    });
  }
  await ctx.services.db.transaction(async (tx) => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, input.id)).for('update');
    const from = row!.status;
    if (!APPLICATION_TRANSITIONS[from].includes(input.to)) {
      throw conflict('invalid-transition', {
        en: `An application that is ${from} cannot become ${input.to}`,
        ja: 'この申請の状態はこの操作では変更できません',
      });
    }
    // The stored index follows the engine at every screening step, so the allocation uses the current rules.
    const rules = rulesForApplication(row!.municipalityCode, row!.roundMonth.slice(0, 7));
    const index = indexFromAnswers(rules, row!.answers, 'answers');
    await tx
      .update(applications)
      .set({
        status: input.to,
        fixRequest: input.to === 'needs-fix' ? fix : null,
        computedIndex: index.total,
        indexLines: index.lines,
        rulesVersion: rules.version,
        updatedAt: sql`now()`,
      })
      .where(eq(applications.id, input.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.status',
      resource: { type: 'nursery-application', id: input.id },
      municipalityCode: where.municipalityCode,
      purpose: 'screening',
      outcome: 'success',
      detail: { from, to: input.to, index: index.total },
    });
  });
}
