import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { assertTransition } from '../program-status.ts';
import { registryProgramVersions } from '../registry.tables.ts';
import { actorLabel, assertRole, type RegistryActor } from '../registry-actor.ts';
import { findVersion, lockProgram } from './workflow-support.ts';

/** draft → in review: the editor asks an approver to publish this version. */
export async function submitProgramVersion(
  services: AppServices,
  input: { actor: RegistryActor; programId: string; version: number; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  return services.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.actor, input.programId);
    const version = await findVersion(tx, program.id, input.version);
    assertTransition(version.status, 'in_review');
    await tx
      .update(registryProgramVersions)
      .set({ status: 'in_review', submittedBy: actorLabel(input.actor), updatedAt: services.now() })
      .where(eq(registryProgramVersions.id, version.id));
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'registry-program.submit',
      resource: { type: 'registry-program', id: program.id },
      municipalityCode: program.municipalityCode,
      purpose: 'staff submitted a program version for review',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { version: version.version },
    });
    return { programId: program.id, version: version.version, status: 'in_review' as const };
  });
}
