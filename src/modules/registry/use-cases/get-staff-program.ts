import { eq } from 'drizzle-orm';
import { notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { registryPrograms } from '../registry.tables.ts';
import type { RegistryActor } from '../registry-actor.ts';
import { lockProgram, openVersion } from './workflow-support.ts';

/** Where a program belongs, to authorize before anything else is read (404 for an unknown id). */
export async function programMunicipality(services: AppServices, programId: string) {
  const [row] = await services.db
    .select({ id: registryPrograms.id, municipalityCode: registryPrograms.municipalityCode })
    .from(registryPrograms)
    .where(eq(registryPrograms.id, programId));
  if (!row) throw notFound({ en: `No program has the id ${programId}.`, ja: `ID ${programId} の制度はありません。` });
  return row;
}

/**
 * A program as the console edits it: the public (published) data and its open version, if any — the draft being
 * written or the version awaiting review, with its field diff against what is published.
 */
export async function getStaffProgram(services: AppServices, input: { actor: RegistryActor; programId: string }) {
  return services.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.actor, input.programId, false);
    const open = await openVersion(tx, program.id);
    return {
      id: program.id,
      psid: program.psid,
      municipalityCode: program.municipalityCode,
      status: program.status,
      origin: program.origin,
      currentVersion: program.currentVersion,
      data: program.data,
      effectiveFrom: program.effectiveFrom,
      effectiveTo: program.effectiveTo,
      open: open
        ? {
            version: open.version,
            status: open.status,
            data: open.data,
            diff: open.diff,
            effectiveFrom: open.effectiveFrom,
            effectiveTo: open.effectiveTo,
            createdBy: open.createdBy,
            submittedBy: open.submittedBy,
          }
        : null,
    };
  });
}
export type StaffProgram = Awaited<ReturnType<typeof getStaffProgram>>;
