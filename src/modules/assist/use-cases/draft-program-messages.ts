import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { actorLabel, assertRole, getStaffProgram, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { draftsFor } from '../messages/llm-drafts.ts';
import { DRAFT_VARIABLES } from '../messages/message-draft.ts';
import { inScope } from '../proposals.repository.ts';

/** Drafts the notices for a program (template-based, or by the configured model) for staff to edit and approve. */
export async function draftProgramMessages(
  services: AppServices,
  input: { actor: RegistryActor; programId: string; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  const program = await getStaffProgram(services, { actor: input.actor, programId: input.programId });
  const { draft, generator, notices } = await draftsFor(program.open?.data ?? program.data, services.config.assistLlm);
  const now = services.now();
  const row = await inScope(services, input.actor, async (tx) => {
    const [inserted] = await tx
      .insert(assistMessageDrafts)
      .values({
        municipalityCode: program.municipalityCode,
        programId: program.id,
        generator,
        texts: draft,
        variables: [...DRAFT_VARIABLES],
        createdBy: actorLabel(input.actor),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, {
      actor: input.actor.actor,
      action: 'assist-message-draft.create',
      resource: { type: 'assist-message-draft', id: inserted!.id },
      municipalityCode: program.municipalityCode,
      purpose: 'staff drafted notices about a program',
      outcome: 'success',
      requestId: input.requestId ?? null,
      detail: { programId: program.id, generator },
    });
    return inserted!;
  });
  return { ...row, notices };
}
