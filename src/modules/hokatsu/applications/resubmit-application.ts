import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import { APPLICATION_TRANSITIONS, applications } from './application.tables.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';
import { ownApplication } from './own-application.ts';
import type { ParentContext } from './submit-application.ts';

/** After staff asked for a fix, the parent sends the application back (new index answers optional). */
export async function resubmitApplication(ctx: ParentContext, input: { id: string; answers?: unknown }) {
  const where = await ownApplication(ctx, input.id);
  await ctx.services.db.transaction(async (tx) => {
    const [row] = await tx.select().from(applications).where(eq(applications.id, input.id)).for('update');
    if (!row || row.status !== 'needs-fix' || !APPLICATION_TRANSITIONS[row.status].includes('submitted')) {
      throw conflict('invalid-transition', {
        en: 'Only an application returned for a fix can be sent again',
        ja: '再提出できるのは修正を依頼された申請だけです',
      });
    }
    const rules = rulesForApplication(row.municipalityCode, row.roundMonth.slice(0, 7));
    const index = indexFromAnswers(rules, input.answers ?? row.answers);
    await tx
      .update(applications)
      .set({
        status: 'submitted',
        answers: index.answers,
        computedIndex: index.total,
        indexLines: index.lines,
        updatedAt: sql`now()`,
      })
      .where(eq(applications.id, input.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.resubmit',
      resource: { type: 'nursery-application', id: input.id },
      municipalityCode: where.municipalityCode,
      purpose: 'parent sends a fixed application',
      outcome: 'success',
    });
  });
}
