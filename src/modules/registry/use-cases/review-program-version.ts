import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { appendChanges, lockChangeFeed, programColumns } from '../program-row.ts';
import { assertTransition } from '../program-status.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import { actorLabel, assertRole, type RegistryActor } from '../registry-actor.ts';
import { registryReadCache } from '../registry-read-cache.ts';
import { findVersion, lockProgram } from './workflow-support.ts';

export type ReviewDecision = 'approve' | 'return';

/**
 * An approver decides on a version in review. Approval publishes it (the previous published version is retired,
 * the public row and the change feed move on); the approver must be someone other than its author and submitter.
 */
export async function reviewProgramVersion(
  services: AppServices,
  input: {
    actor: RegistryActor;
    programId: string;
    version: number;
    decision: ReviewDecision;
    requestId?: string | null;
  },
) {
  assertRole(input.actor, 'registry-approver');
  const now = services.now();
  const me = actorLabel(input.actor);
  const result = await services.db.transaction(async (tx) => {
    await lockChangeFeed(tx);
    const program = await lockProgram(tx, input.actor, input.programId);
    const version = await findVersion(tx, program.id, input.version);
    const target = input.decision === 'approve' ? 'published' : 'draft';
    assertTransition(version.status, target);
    if (version.createdBy === me || version.submittedBy === me) {
      await recordAudit(services.db, {
        actor: input.actor.actor,
        action: `registry-program.${input.decision}`,
        resource: { type: 'registry-program', id: program.id },
        municipalityCode: program.municipalityCode,
        purpose: 'approval of own change refused (four-eyes rule)',
        outcome: 'denied',
        requestId: input.requestId ?? null,
        detail: { version: version.version },
      });
      throw forbidden({
        en: 'A change must be approved by someone other than its author.',
        ja: '変更は作成者以外の承認者が承認する必要があります。',
      });
    }

    if (input.decision === 'return') {
      await tx
        .update(registryProgramVersions)
        .set({ status: 'draft', reviewedBy: me, updatedAt: now })
        .where(eq(registryProgramVersions.id, version.id));
    } else {
      await tx
        .update(registryProgramVersions)
        .set({ status: 'retired', updatedAt: now })
        .where(and(eq(registryProgramVersions.programId, program.id), eq(registryProgramVersions.status, 'published')));
      await tx
        .update(registryProgramVersions)
        .set({ status: 'published', reviewedBy: me, publishedAt: now, updatedAt: now })
        .where(eq(registryProgramVersions.id, version.id));
      const wasPublic = program.status === 'published';
      await tx
        .update(registryPrograms)
        .set({
          status: 'published',
          ...programColumns(version.data, { id: program.id, psid: program.psid, updatedAt: now }),
          data: version.data,
          effectiveFrom: version.effectiveFrom,
          effectiveTo: version.effectiveTo,
          currentVersion: version.version,
          staffEdited: program.origin === 'import' ? true : program.staffEdited,
          updatedAt: now,
        })
        .where(eq(registryPrograms.id, program.id));
      const kind = wasPublic ? 'updated' : 'created';
      await appendChanges(
        tx,
        [
          {
            programId: program.id,
            psid: program.psid,
            municipalityCode: program.municipalityCode,
            kind,
            version: version.version,
          },
        ],
        now,
      );
      await services.events.publish(
        tx,
        'registry.program-changed',
        { programId: program.id, psid: program.psid, kind, version: version.version },
        { municipalityCode: program.municipalityCode, requestId: input.requestId ?? null },
      );
    }
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: `registry-program.${input.decision}`,
      resource: { type: 'registry-program', id: program.id },
      municipalityCode: program.municipalityCode,
      purpose: input.decision === 'approve' ? 'approver published a program version' : 'approver sent a version back',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { version: version.version },
    });
    return { programId: program.id, version: version.version, status: target };
  });
  registryReadCache(services).invalidate();
  return result;
}
