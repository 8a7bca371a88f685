import { asc, eq } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, conflict } from '../../../platform/http/app-error.ts';
import { getHousehold, type UseCaseContext } from '../../identity/index.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { vaccinationRecords } from './clinic.tables.ts';
import { auditChildAccess, type ClinicRequest } from './clinic-access.ts';
import { withChildVisit } from './clinic-scope.ts';

export type VaccinationRecordRow = typeof vaccinationRecords.$inferSelect;

export function recordsOf(tx: ScopedTx, childId: string): Promise<VaccinationRecordRow[]> {
  return tx
    .select()
    .from(vaccinationRecords)
    .where(eq(vaccinationRecords.childId, childId))
    .orderBy(asc(vaccinationRecords.givenOn), asc(vaccinationRecords.vaccine), asc(vaccinationRecords.dose));
}

/**
 * The clinic records a vaccination during a visit the parent consented to. It is one row that the parent's page and
 * the municipality read directly — nothing is copied or mailed.
 */
export async function recordVaccination(
  req: ClinicRequest,
  schedule: RoutineSchedule,
  input: { visitId: string; vaccine: string; dose: number; lotNumber: string; givenOn: string },
): Promise<VaccinationRecordRow> {
  const vaccine = schedule.vaccines.find((v) => v.code === input.vaccine);
  if (!vaccine || input.dose > vaccine.doses.length) {
    throw new AppError(
      'unknown-dose',
      400,
      { en: 'No such vaccine or dose.', ja: 'そのワクチン・回数はありません。' },
      [{ field: 'body.vaccine', message: 'No such vaccine or dose', messageJa: 'そのワクチン・回数はありません' }],
    );
  }
  return withChildVisit(req, input.visitId, async (tx, visit, institutionCode) => {
    if (visit.purpose !== 'vaccination') {
      throw new AppError('consent-purpose', 403, {
        en: 'The parent’s code was opened for an eligibility check only, not for a vaccination.',
        ja: '保護者の番号は受給資格確認のためのもので、予防接種の記録には使えません。',
      });
    }
    const [row] = await tx
      .insert(vaccinationRecords)
      .values({
        childId: visit.childId,
        householdId: visit.householdId,
        municipalityCode: visit.municipalityCode,
        vaccine: input.vaccine,
        dose: input.dose,
        lotNumber: input.lotNumber,
        givenOn: input.givenOn,
        institutionCode,
        recordedBy: req.actor.id ?? 'clinic',
        recordedAt: req.services.now(),
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      throw conflict('dose-recorded', {
        en: 'This dose is recorded for the child already.',
        ja: 'この回の接種はすでに記録されています。',
      });
    }
    await auditChildAccess(tx, req, visit, 'health-vaccination.record', 'vaccination recorded by a clinic', {
      institutionCode,
      vaccine: input.vaccine,
      dose: input.dose,
    });
    return row;
  });
}

/** The parent's view of a child's records (audited as the parent's own read, which the access log leaves out). */
export async function listOwnVaccinations(ctx: UseCaseContext, childId: string): Promise<VaccinationRecordRow[]> {
  const { services, actor } = ctx;
  if (actor.type !== 'parent' || !actor.householdId) {
    throw new AppError('forbidden', 403, { en: 'Parents only.', ja: '保護者のみ利用できます。' });
  }
  const household = await getHousehold(ctx, { householdId: actor.householdId, purpose: 'own vaccination records' });
  if (!household.children.some((c) => c.id === childId)) return [];
  return withTenantScope(services.db, { kind: 'household', householdId: actor.householdId }, (tx) =>
    recordsOf(tx, childId),
  );
}
