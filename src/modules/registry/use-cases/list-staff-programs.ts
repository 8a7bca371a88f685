import { and, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { TOKYO_CODE } from '../../municipalities/index.ts';
import type { ProgramStatus } from '../program-status.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import type { RegistryActor } from '../registry-actor.ts';

/** Console filters: a program's own status, or the state of its open version (a draft or one awaiting review). */
export const STAFF_PROGRAM_FILTERS = ['all', 'draft', 'in_review', 'published', 'retired'] as const;
export type StaffProgramFilter = (typeof STAFF_PROGRAM_FILTERS)[number];

export interface StaffProgramRow {
  id: string;
  psid: string;
  municipalityCode: string;
  name: string;
  status: ProgramStatus;
  origin: 'import' | 'staff';
  openVersion: { version: number; status: ProgramStatus } | null;
  updatedAt: string;
}

/**
 * The programs a staff member works on: their municipality's (Tokyo-wide staff: all), newest first. Program data is
 * public, so the list is not audited; the workflow steps are.
 */
export async function listStaffPrograms(
  services: AppServices,
  input: { actor: RegistryActor; filter: StaffProgramFilter; q?: string | undefined; limit?: number },
): Promise<StaffProgramRow[]> {
  const open = services.db
    .select({
      programId: registryProgramVersions.programId,
      version: sql<number>`max(${registryProgramVersions.version})`.as('open_version'),
    })
    .from(registryProgramVersions)
    .where(inArray(registryProgramVersions.status, ['draft', 'in_review']))
    .groupBy(registryProgramVersions.programId)
    .as('open');
  const conditions: SQL[] = [];
  if (input.actor.municipalityCode !== TOKYO_CODE) {
    conditions.push(eq(registryPrograms.municipalityCode, input.actor.municipalityCode));
  }
  if (input.filter === 'published' || input.filter === 'retired') {
    conditions.push(eq(registryPrograms.status, input.filter));
  }
  if (input.filter === 'draft' || input.filter === 'in_review') {
    conditions.push(eq(registryProgramVersions.status, input.filter));
  }
  const q = input.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(registryPrograms.name, like), ilike(registryPrograms.psid, like)) as SQL);
  }
  const rows = await services.db
    .select({
      id: registryPrograms.id,
      psid: registryPrograms.psid,
      municipalityCode: registryPrograms.municipalityCode,
      name: registryPrograms.name,
      status: registryPrograms.status,
      origin: registryPrograms.origin,
      updatedAt: registryPrograms.updatedAt,
      openVersion: registryProgramVersions.version,
      openStatus: registryProgramVersions.status,
    })
    .from(registryPrograms)
    .leftJoin(open, eq(open.programId, registryPrograms.id))
    .leftJoin(
      registryProgramVersions,
      and(eq(registryProgramVersions.programId, open.programId), eq(registryProgramVersions.version, open.version)),
    )
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(registryPrograms.updatedAt), registryPrograms.psid)
    .limit(input.limit ?? 100);
  return rows.map((r) => ({
    id: r.id,
    psid: r.psid,
    municipalityCode: r.municipalityCode,
    name: r.name,
    status: r.status,
    origin: r.origin,
    openVersion: r.openVersion != null && r.openStatus ? { version: r.openVersion, status: r.openStatus } : null,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
