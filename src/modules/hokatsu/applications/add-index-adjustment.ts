import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError, badRequest } from '../../../platform/http/app-error.ts';
import { applicationAdjustments, applications } from './application.tables.ts';
import { type StaffContext, screenerFor } from './staff-context.ts';

/** An adjustment with its reason, while the application is under review. */
export async function addIndexAdjustment(ctx: StaffContext, input: { id: string; points: number; reason: string }) {
  const where = await screenerFor(ctx, input.id);
  const reason = input.reason.trim();
  if (!Number.isInteger(input.points) || input.points === 0 || Math.abs(input.points) > 100) {
    throw badRequest('invalid-points', 'body.points', {
      en: 'Points must be a whole number from -100 to 100, not 0',
      ja: '点数は-100〜100の0以外の整数で指定してください',
    });
  }
  if (reason.length < 2 || reason.length > 500) {
    throw badRequest('reason-required', 'body.reason', {
      en: 'Give the reason (2 to 500 characters)',
      ja: '理由を入力してください（2〜500文字）',
    });
  }
  await ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.id, input.id))
      .for('update');
    if (!row || !['submitted', 'in-review'].includes(row.status)) {
      throw new AppError('application-not-in-review', 409, {
        en: 'Adjust the index while the application is under review',
        ja: '指数の調整は審査中に行ってください',
      });
    }
    await tx.insert(applicationAdjustments).values({
      applicationId: input.id,
      municipalityCode: where.municipalityCode,
      points: input.points,
      reason,
      staffId: ctx.actor.id!,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'nursery-application.adjust',
      resource: { type: 'nursery-application', id: input.id },
      municipalityCode: where.municipalityCode,
      purpose: 'screening',
      outcome: 'success',
      detail: { points: input.points, reason },
    });
  });
}
