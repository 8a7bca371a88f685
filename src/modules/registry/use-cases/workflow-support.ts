import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/database.ts';
import { badRequest, notFound } from '../../../platform/http/app-error.ts';
import type { ProgramData } from '../program-data.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import { assertScope, type RegistryActor } from '../registry-actor.ts';

/** Loads and locks a program for a workflow step, checking the actor's municipality. */
export async function lockProgram(tx: Tx, actor: RegistryActor, programId: string, lock = true) {
  const query = tx.select().from(registryPrograms).where(eq(registryPrograms.id, programId));
  const [program] = lock ? await query.for('update') : await query;
  if (!program)
    throw notFound({ en: `No program has the id ${programId}.`, ja: `ID ${programId} の制度はありません。` });
  assertScope(actor, program.municipalityCode);
  return program;
}

export async function openVersion(tx: Tx, programId: string) {
  const [version] = await tx
    .select()
    .from(registryProgramVersions)
    .where(
      and(
        eq(registryProgramVersions.programId, programId),
        inArray(registryProgramVersions.status, ['draft', 'in_review']),
      ),
    )
    .orderBy(desc(registryProgramVersions.version))
    .limit(1);
  return version;
}

export async function findVersion(tx: Tx, programId: string, version: number) {
  const [row] = await tx
    .select()
    .from(registryProgramVersions)
    .where(and(eq(registryProgramVersions.programId, programId), eq(registryProgramVersions.version, version)));
  if (!row) throw notFound({ en: `Version ${version} does not exist.`, ja: `第${version}版はありません。` });
  return row;
}

export function checkProgramData(data: ProgramData, effectiveFrom: string | null, effectiveTo: string | null) {
  const { min, max } = data.ageMonths;
  if (min != null && max != null && min >= max) {
    throw badRequest('invalid-age-window', 'body.ageMonths', {
      en: 'The age window must end after it starts (max is exclusive).',
      ja: '対象月齢の終わりは始まりより後にしてください（上限は含みません）。',
    });
  }
  if (effectiveFrom && effectiveTo && effectiveFrom >= effectiveTo) {
    throw badRequest('invalid-effective-dates', 'body.effectiveTo', {
      en: 'The end of the effective period must be after its start.',
      ja: '適用終了日は適用開始日より後にしてください。',
    });
  }
}
