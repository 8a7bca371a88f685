import { desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { registryProgramVersions } from '../registry.tables.ts';
import type { RegistryActor } from '../registry-actor.ts';
import { lockProgram } from './workflow-support.ts';

/** The version history of one program for the staff console, newest first, each with its field diff. */
export async function listProgramVersions(
  services: AppServices,
  input: { actor: RegistryActor; programId: string; requestId?: string | null },
) {
  if (input.actor.actor.type !== 'staff' || input.actor.roles.length === 0) throw forbidden();
  return services.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.actor, input.programId, false);
    const versions = await tx
      .select()
      .from(registryProgramVersions)
      .where(eq(registryProgramVersions.programId, program.id))
      .orderBy(desc(registryProgramVersions.version));
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'registry-program.history',
      resource: { type: 'registry-program', id: program.id },
      municipalityCode: program.municipalityCode,
      purpose: 'staff read the version history',
      outcome: 'success',
      requestId: input.requestId ?? null,
    });
    return versions.map((v) => ({
      version: v.version,
      status: v.status,
      diff: v.diff,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      createdBy: v.createdBy,
      submittedBy: v.submittedBy,
      reviewedBy: v.reviewedBy,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
    }));
  });
}
