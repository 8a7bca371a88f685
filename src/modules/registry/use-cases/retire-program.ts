import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { appendChanges, lockChangeFeed } from '../program-row.ts';
import { assertTransition } from '../program-status.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import { assertRole, type RegistryActor } from '../registry-actor.ts';
import { registryReadCache } from '../registry-read-cache.ts';
import { lockProgram } from './workflow-support.ts';

/** published → retired: the program leaves search and the feed says so; its history stays. */
export async function retireProgram(
  services: AppServices,
  input: { actor: RegistryActor; programId: string; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-approver');
  const now = services.now();
  const result = await services.db.transaction(async (tx) => {
    await lockChangeFeed(tx);
    const program = await lockProgram(tx, input.actor, input.programId);
    assertTransition(program.status, 'retired');
    await tx
      .update(registryProgramVersions)
      .set({ status: 'retired', updatedAt: now })
      .where(and(eq(registryProgramVersions.programId, program.id), eq(registryProgramVersions.status, 'published')));
    await tx
      .update(registryPrograms)
      .set({ status: 'retired', updatedAt: now })
      .where(eq(registryPrograms.id, program.id));
    const change = {
      programId: program.id,
      psid: program.psid,
      municipalityCode: program.municipalityCode,
      kind: 'retired' as const,
      version: program.currentVersion,
    };
    await appendChanges(tx, [change], now);
    await services.events.publish(
      tx,
      'registry.program-changed',
      { programId: program.id, psid: program.psid, kind: 'retired', version: program.currentVersion },
      { municipalityCode: program.municipalityCode, requestId: input.requestId ?? null },
    );
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'registry-program.retire',
      resource: { type: 'registry-program', id: program.id },
      municipalityCode: program.municipalityCode,
      purpose: 'approver retired a program',
      outcome: 'success',
      requestId: input.requestId ?? null,
    });
    return { programId: program.id, status: 'retired' as const };
  });
  registryReadCache(services).invalidate();
  return result;
}
