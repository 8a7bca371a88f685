import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { applyChanges, blankProgram, type NewProgram, type ProgramChanges } from '../program-input.ts';
import { diffProgramData, programColumns } from '../program-row.ts';
import { registryPrograms, registryProgramVersions } from '../registry.tables.ts';
import { actorLabel, assertRole, assertScope, type RegistryActor } from '../registry-actor.ts';
import { checkProgramData, lockProgram, openVersion } from './workflow-support.ts';

export interface SaveDraftInput {
  actor: RegistryActor;
  requestId?: string | null;
}

/** A new program starts as a draft (version 1); nothing is public until an approver publishes it. */
export async function createProgramDraft(services: AppServices, input: SaveDraftInput & { program: NewProgram }) {
  assertRole(input.actor, 'registry-editor');
  assertScope(input.actor, input.program.municipalityCode);
  const data = applyChanges(blankProgram(input.program.municipalityCode, input.program.name), input.program);
  const effectiveFrom = input.program.effectiveFrom ?? null;
  const effectiveTo = input.program.effectiveTo ?? null;
  checkProgramData(data, effectiveFrom, effectiveTo);
  const now = services.now();
  const id = randomUUID();
  const psid = `tsunagu+${data.municipalityCode}+${randomUUID()}`;
  return services.db.transaction(async (tx) => {
    const [program] = await tx
      .insert(registryPrograms)
      .values({
        id,
        psid,
        status: 'draft',
        origin: 'staff',
        ...programColumns(data, { id, psid, updatedAt: now }),
        data,
        currentVersion: 0,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: registryPrograms.id });
    await tx.insert(registryProgramVersions).values({
      programId: program!.id,
      version: 1,
      municipalityCode: data.municipalityCode,
      status: 'draft',
      data,
      effectiveFrom,
      effectiveTo,
      diff: diffProgramData(null, data),
      createdBy: actorLabel(input.actor),
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'registry-program.create',
      resource: { type: 'registry-program', id: program!.id },
      municipalityCode: data.municipalityCode,
      purpose: 'staff created a program draft',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { version: 1 },
    });
    return { programId: program!.id, version: 1 };
  });
}

/**
 * Edits a program: updates its open draft, or opens a new draft version based on what is published. A version in
 * review is frozen until the reviewer decides.
 */
export async function editProgramDraft(
  services: AppServices,
  input: SaveDraftInput & { programId: string; changes: Partial<ProgramChanges> },
) {
  assertRole(input.actor, 'registry-editor');
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const program = await lockProgram(tx, input.actor, input.programId);
    const open = await openVersion(tx, program.id);
    if (open?.status === 'in_review') {
      throw conflict('registry-version-in-review', {
        en: `Version ${open.version} is in review; it cannot be edited until it is approved or sent back.`,
        ja: `第${open.version}版は確認中です。承認または差し戻しまで編集できません。`,
      });
    }
    const base = open?.data ?? program.data;
    const data = applyChanges(base, input.changes);
    const effectiveFrom =
      input.changes.effectiveFrom !== undefined
        ? input.changes.effectiveFrom
        : (open?.effectiveFrom ?? program.effectiveFrom);
    const effectiveTo =
      input.changes.effectiveTo !== undefined ? input.changes.effectiveTo : (open?.effectiveTo ?? program.effectiveTo);
    checkProgramData(data, effectiveFrom, effectiveTo);
    // The diff is always against the published version (or nothing), so a reviewer sees the whole change.
    const published = program.currentVersion > 0 && program.status !== 'draft' ? program.data : null;
    const diff = diffProgramData(published, data);
    let version: number;
    if (open) {
      version = open.version;
      await tx
        .update(registryProgramVersions)
        .set({ data, effectiveFrom, effectiveTo, diff, updatedAt: now })
        .where(eq(registryProgramVersions.id, open.id));
    } else {
      const [latest] = await tx
        .select({ version: registryProgramVersions.version })
        .from(registryProgramVersions)
        .where(eq(registryProgramVersions.programId, program.id))
        .orderBy(desc(registryProgramVersions.version))
        .limit(1);
      version = (latest?.version ?? 0) + 1;
      await tx.insert(registryProgramVersions).values({
        programId: program.id,
        version,
        municipalityCode: program.municipalityCode,
        status: 'draft',
        data,
        effectiveFrom,
        effectiveTo,
        diff,
        createdBy: actorLabel(input.actor),
        createdAt: now,
        updatedAt: now,
      });
    }
    if (program.status === 'draft') {
      await tx
        .update(registryPrograms)
        .set({ ...programColumns(data, { id: program.id, psid: program.psid, updatedAt: now }), data, updatedAt: now })
        .where(eq(registryPrograms.id, program.id));
    }
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'registry-program.edit',
      resource: { type: 'registry-program', id: program.id },
      municipalityCode: program.municipalityCode,
      purpose: 'staff edited a program draft',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { version, fields: diff.map((d) => d.field) },
    });
    return { programId: program.id, version };
  });
}
