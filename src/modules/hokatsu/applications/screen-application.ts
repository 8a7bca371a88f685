import { and, asc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, badRequest, conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { adjustmentTotal, loadApplication, locateApplication } from './application.repository.ts';
import {
  APPLICATION_TRANSITIONS,
  type ApplicationStatus,
  applicationAdjustments,
  applications,
} from './application.tables.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';

export interface StaffContext {
  services: AppServices;
  actor: Actor;
  requestId?: string;
}

/** Statuses staff set by hand; offered and waitlisted come only from a published allocation. */
export const SCREENING_STATUSES = ['in-review', 'needs-fix', 'ready'] as const;
export type ScreeningStatus = (typeof SCREENING_STATUSES)[number];

async function screenerFor(ctx: StaffContext, id: string) {
  const where = await locateApplication(ctx.services.db, id);
  const scope = await authorize(
    { db: ctx.services.db, requestId: ctx.requestId ?? null },
    ctx.actor,
    'nursery-application.screen',
    { municipalityCode: where.municipalityCode, resource: { type: 'nursery-application', id } },
  );
  return { ...where, scope };
}

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
