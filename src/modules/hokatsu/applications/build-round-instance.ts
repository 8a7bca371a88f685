import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AllocationInstance } from '../allocation/allocation-instance.ts';
import { nurseries, nurseryVacancies } from '../hokatsu.tables.ts';
import './allocation.events.ts';
import { IN_ROUND, type RoundInput } from './allocation-round-access.ts';
import { adjustmentTotal } from './application.repository.ts';
import { applicationChoices, applications } from './application.tables.ts';
import { rulesForApplication } from './application-rules.ts';
import type { StaffContext } from './staff-context.ts';
import { tieBreakKeys } from './tie-break-facts.ts';

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
