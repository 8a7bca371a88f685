import { desc, eq, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import { applicationNotFound, loadApplication, locateApplication } from './application.repository.ts';
import { APPLICATION_TRANSITIONS, applications } from './application.tables.ts';
import { indexFromAnswers, rulesForApplication } from './application-rules.ts';
import type { ParentContext } from './submit-application.ts';

async function ownApplication(ctx: ParentContext, id: string) {
  const where = await locateApplication(ctx.services.db, id).catch(() => null);
  // Another household's application is "not found" for a parent: its existence is not theirs to learn.
  if (!where || where.householdId !== ctx.actor.householdId) throw applicationNotFound();
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-application.apply', {
    householdId: where.householdId,
    resource: { type: 'nursery-application', id },
  });
  return where;
}

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

/** One of the household's applications; the read is audited. */
export async function getOwnApplication(ctx: ParentContext, id: string) {
  const where = await ownApplication(ctx, id);
  return ctx.services.db.transaction(async (tx) => {
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

/** The parent answers an offer: accepted or declined, once (the status machine has no way back). */
export async function respondToOffer(ctx: ParentContext, input: { id: string; answer: 'accepted' | 'declined' }) {
  const where = await ownApplication(ctx, input.id);
  await ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: applications.status })
      .from(applications)
      .where(eq(applications.id, input.id))
      .for('update');
    if (!row || !APPLICATION_TRANSITIONS[row.status].includes(input.answer) || row.status !== 'offered') {
      throw conflict('invalid-transition', {
        en: 'There is no open offer on this application',
        ja: 'この申請に回答できる内定はありません',
      });
    }
    await tx
      .update(applications)
      .set({ status: input.answer, updatedAt: sql`now()` })
      .where(eq(applications.id, input.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: `nursery-application.${input.answer === 'accepted' ? 'accept' : 'decline'}`,
      resource: { type: 'nursery-application', id: input.id },
      municipalityCode: where.municipalityCode,
      purpose: 'parent answers a nursery offer',
      outcome: 'success',
    });
  });
}

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
