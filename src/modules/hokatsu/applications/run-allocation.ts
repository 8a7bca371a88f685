import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { badRequest, conflict, notFound } from '../../../platform/http/app-error.ts';
import { type AllocationResult, allocate } from '../allocation/allocate.ts';
import type { AllocationInstance } from '../allocation/allocation-instance.ts';
import { nurseries, nurseryVacancies } from '../hokatsu.tables.ts';
import { publishMinimumIndices } from '../use-cases/publish-minimum-indices.ts';
import './allocation.events.ts';
import { adjustmentTotal } from './application.repository.ts';
import { allocationRounds, applicationChoices, applications } from './application.tables.ts';
import { rulesForApplication } from './application-rules.ts';
import type { StaffContext } from './screen-application.ts';
import { tieBreakKeys } from './tie-break-facts.ts';

/** Applications a round places: screened ones, and those still waiting from an earlier round. */
const IN_ROUND = ['ready', 'waitlisted'] as const;

export interface RoundInput {
  municipalityCode: string;
  /** 'YYYY-MM' */
  roundMonth: string;
  roundNo: number;
}

async function allocator(ctx: StaffContext, municipalityCode: string) {
  await authorize({ db: ctx.services.db, requestId: ctx.requestId ?? null }, ctx.actor, 'nursery-allocation.run', {
    municipalityCode,
    resource: { type: 'allocation-round' },
  });
}

/**
 * Builds the allocation instance from the database: seats are the published vacancies for the intake month (none
 * published = no seats); priority is [final index, the municipality's tie-break keys in its order, lottery] — the
 * index is the engine's total plus staff adjustments, the tie-break keys come from the facts stored on the
 * application, and the lottery drawn at submission is the last key; siblings who asked to be placed together share a
 * family; a transfer (転園) child brings the seat it holds at its current nursery.
 */
export async function buildRoundInstance(ctx: StaffContext, input: RoundInput) {
  const month = `${input.roundMonth}-01`;
  const apps = await ctx.services.db
    .select({
      id: applications.id,
      householdId: applications.householdId,
      ageClass: applications.ageClass,
      siblingsTogether: applications.siblingsTogether,
      lottery: applications.lottery,
      tieBreakFacts: applications.tieBreakFacts,
      currentNurseryId: applications.currentNurseryId,
      finalIndex: sql<number>`${applications.computedIndex} + ${adjustmentTotal}`,
    })
    .from(applications)
    .where(
      and(
        eq(applications.municipalityCode, input.municipalityCode),
        eq(applications.roundMonth, month),
        inArray(applications.status, [...IN_ROUND]),
      ),
    )
    .orderBy(applications.createdAt);
  const choices = apps.length
    ? await ctx.services.db
        .select()
        .from(applicationChoices)
        .where(
          inArray(
            applicationChoices.applicationId,
            apps.map((a) => a.id),
          ),
        )
        .orderBy(applicationChoices.rank)
    : [];
  const vacancies = await ctx.services.db
    .select({
      nurseryId: nurseryVacancies.nurseryId,
      ageClass: nurseryVacancies.ageClass,
      seats: nurseryVacancies.vacancies,
    })
    .from(nurseryVacancies)
    .innerJoin(nurseries, eq(nurseries.id, nurseryVacancies.nurseryId))
    .where(and(eq(nurseryVacancies.municipalityCode, input.municipalityCode), eq(nurseryVacancies.month, month)));
  const instance: AllocationInstance = { nurseries: {}, applicants: [] };
  const seats = (id: string) => {
    instance.nurseries[id] ??= {};
    return instance.nurseries[id]!;
  };
  for (const v of vacancies) seats(v.nurseryId)[String(v.ageClass) as '0'] = Math.max(0, v.seats ?? 0);
  for (const c of choices) seats(c.nurseryId);
  for (const a of apps) if (a.currentNurseryId) seats(a.currentNurseryId);
  const rules = apps.length ? rulesForApplication(input.municipalityCode, input.roundMonth) : null;
  const siblings = new Map<string, number>();
  for (const a of apps) if (a.siblingsTogether) siblings.set(a.householdId, (siblings.get(a.householdId) ?? 0) + 1);
  for (const a of apps) {
    const together = a.siblingsTogether && (siblings.get(a.householdId) ?? 0) > 1;
    instance.applicants.push({
      id: a.id,
      ageClass: a.ageClass as 0,
      priority: [a.finalIndex, ...tieBreakKeys(rules!, a.tieBreakFacts), a.lottery],
      choices: choices.filter((c) => c.applicationId === a.id).map((c) => c.nurseryId),
      family: together ? a.householdId : null,
      together,
      current: a.currentNurseryId,
    });
  }
  return { instance, households: new Map(apps.map((a) => [a.id, a.householdId])) };
}

/** A dry run: the allocation is computed and kept for review; no application changes. */
export async function dryRunAllocation(ctx: StaffContext, input: RoundInput) {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.roundMonth)) {
    throw badRequest('invalid-round', 'body.roundMonth', { en: 'Use YYYY-MM', ja: 'YYYY-MM の形式で指定してください' });
  }
  if (!Number.isInteger(input.roundNo) || input.roundNo < 1 || input.roundNo > 20) {
    throw badRequest('invalid-round-no', 'body.roundNo', { en: 'Round 1 to 20', ja: '回次は1〜20です' });
  }
  await allocator(ctx, input.municipalityCode);
  const { instance } = await buildRoundInstance(ctx, input);
  const result = allocate(instance);
  const stored = {
    assignments: result.assignments,
    blockingPairs: result.blockingPairs,
    minimumIndex: result.minimumIndex,
    waitlist: result.waitlist,
    explanations: result.explanations,
    stats: result.stats,
  };
  return ctx.services.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(allocationRounds)
      .values({
        municipalityCode: input.municipalityCode,
        roundMonth: `${input.roundMonth}-01`,
        roundNo: input.roundNo,
        applicants: instance.applicants.length,
        offers: result.stats.assigned,
        blockingPairs: result.blockingPairs,
        result: stored,
        runBy: ctx.actor.id!,
      })
      .returning({ id: allocationRounds.id });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'allocation.dry-run',
      resource: { type: 'allocation-round', id: row!.id },
      municipalityCode: input.municipalityCode,
      purpose: 'allocation round',
      outcome: 'success',
      detail: { applicants: instance.applicants.length, offers: result.stats.assigned },
    });
    return { id: row!.id, ...stored };
  });
}

export async function latestRounds(ctx: StaffContext, municipalityCode: string) {
  await allocator(ctx, municipalityCode);
  return ctx.services.db
    .select({
      id: allocationRounds.id,
      roundMonth: allocationRounds.roundMonth,
      roundNo: allocationRounds.roundNo,
      status: allocationRounds.status,
      applicants: allocationRounds.applicants,
      offers: allocationRounds.offers,
      blockingPairs: allocationRounds.blockingPairs,
      createdAt: allocationRounds.createdAt,
    })
    .from(allocationRounds)
    .where(eq(allocationRounds.municipalityCode, municipalityCode))
    .orderBy(desc(allocationRounds.createdAt))
    .limit(20);
}

/**
 * Publishes a dry run: offers and waitlist places go onto the applications with each one's explanation, the round's
 * minimum admitted indices become the nurseries' "last round" figures, and `allocation.published` is raised — all in
 * one transaction. If any application changed since the dry run (no longer ready/waitlisted, or new ones arrived),
 * nothing is published: run it again.
 */
export async function publishAllocation(ctx: StaffContext, input: { roundId: string }) {
  const [round] = await ctx.services.db.select().from(allocationRounds).where(eq(allocationRounds.id, input.roundId));
  if (!round) throw notFound({ en: 'No such allocation run', ja: '該当する利用調整の実行はありません' });
  await allocator(ctx, round.municipalityCode);
  if (round.status !== 'dry-run') {
    throw conflict('already-published', { en: 'This run is published already', ja: 'この結果は公表済みです' });
  }
  const result = round.result as Pick<AllocationResult, 'assignments' | 'minimumIndex' | 'explanations'>;
  const roundInput = {
    municipalityCode: round.municipalityCode,
    roundMonth: round.roundMonth.slice(0, 7),
    roundNo: round.roundNo,
  };
  const { instance, households } = await buildRoundInstance(ctx, roundInput);
  const now = new Set(instance.applicants.map((a) => a.id));
  const then = Object.keys(result.assignments);
  if (now.size !== then.length || then.some((id) => !now.has(id))) {
    throw conflict('stale-dry-run', {
      en: 'Applications changed since this dry run; run it again',
      ja: '試算の後に申請が変わりました。もう一度試算してください',
    });
  }
  const offers: { applicationId: string; householdId: string; nurseryId: string }[] = [];
  const waitlisted: { applicationId: string; householdId: string; waitlistRank: number | null }[] = [];
  await ctx.services.db.transaction(async (tx) => {
    for (const [applicationId, nurseryId] of Object.entries(result.assignments)) {
      const explanation = result.explanations[applicationId]!;
      const householdId = households.get(applicationId)!;
      // A transfer child who keeps the seat it has is not offered anything: it stays and waits for its choices.
      if (nurseryId && !explanation.keptCurrentSeat) {
        offers.push({ applicationId, householdId, nurseryId });
        await tx
          .update(applications)
          .set({
            status: 'offered',
            offeredNurseryId: nurseryId,
            waitlistRank: null,
            explanation,
            allocationRoundId: round.id,
            updatedAt: sql`now()`,
          })
          .where(and(eq(applications.id, applicationId), inArray(applications.status, [...IN_ROUND])));
      } else {
        // The place on the first choice's waitlist is the figure parents ask about.
        const waitlistRank = explanation.choices.find((c) => c.waitlistRank !== null)?.waitlistRank ?? null;
        waitlisted.push({ applicationId, householdId, waitlistRank });
        await tx
          .update(applications)
          .set({ status: 'waitlisted', waitlistRank, explanation, allocationRoundId: round.id, updatedAt: sql`now()` })
          .where(and(eq(applications.id, applicationId), inArray(applications.status, [...IN_ROUND])));
      }
    }
    await tx
      .update(allocationRounds)
      .set({ status: 'published', publishedAt: sql`now()` })
      .where(eq(allocationRounds.id, round.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: 'allocation.publish',
      resource: { type: 'allocation-round', id: round.id },
      municipalityCode: round.municipalityCode,
      purpose: 'allocation round',
      outcome: 'success',
      detail: { offers: offers.length, waitlisted: waitlisted.length },
    });
    await ctx.services.events.publish(
      tx,
      'allocation.published',
      { roundId: round.id, ...roundInput, offers, waitlisted },
      { municipalityCode: round.municipalityCode, requestId: ctx.requestId ?? null },
    );
  });
  // The minimum indices go through the existing use case (its own transaction, audited) once the offers are in.
  await publishMinimumIndices(
    ctx.services.db,
    { municipalityCode: round.municipalityCode },
    { actor: ctx.actor, result, roundMonth: round.roundMonth, roundNo: round.roundNo },
  );
  return { roundId: round.id, offers: offers.length, waitlisted: waitlisted.length };
}

/** One run with the names a reviewer needs: nurseries, and each applicant's child, index and outcome. */
export async function getAllocationRun(ctx: StaffContext, id: string) {
  const [round] = await ctx.services.db.select().from(allocationRounds).where(eq(allocationRounds.id, id));
  if (!round) throw notFound({ en: 'No such allocation run', ja: '該当する利用調整の実行はありません' });
  await allocator(ctx, round.municipalityCode);
  const result = round.result as Pick<AllocationResult, 'assignments' | 'minimumIndex' | 'blockingPairs' | 'stats'>;
  const appIds = Object.keys(result.assignments);
  const apps = appIds.length
    ? await ctx.services.db
        .select({
          id: applications.id,
          childName: applications.childName,
          ageClass: applications.ageClass,
          finalIndex: sql<number>`${applications.computedIndex} + ${adjustmentTotal}`,
        })
        .from(applications)
        .where(inArray(applications.id, appIds))
    : [];
  const names = new Map(
    (
      await ctx.services.db
        .select({ id: nurseries.id, name: nurseries.name })
        .from(nurseries)
        .where(eq(nurseries.municipalityCode, round.municipalityCode))
    ).map((n) => [n.id, n.name]),
  );
  await recordAudit(ctx.services.db, {
    actor: ctx.actor,
    action: 'allocation.read',
    resource: { type: 'allocation-round', id },
    municipalityCode: round.municipalityCode,
    purpose: 'allocation review',
    outcome: 'success',
  });
  return {
    round,
    rows: apps
      .map((a) => ({
        ...a,
        assigned: result.assignments[a.id] ? (names.get(result.assignments[a.id]!) ?? null) : null,
      }))
      .sort((x, y) => y.finalIndex - x.finalIndex),
    minimum: Object.entries(result.minimumIndex).flatMap(([nurseryId, perAge]) =>
      Object.entries(perAge)
        .filter(([, v]) => v !== null)
        .map(([age, v]) => ({ nursery: names.get(nurseryId) ?? nurseryId, ageClass: Number(age), minimumIndex: v! })),
    ),
    blockingPairs: result.blockingPairs,
  };
}
