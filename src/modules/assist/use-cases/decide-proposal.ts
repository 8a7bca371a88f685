import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import {
  actorLabel,
  assertRole,
  editProgramDraft,
  getStaffProgram,
  type RegistryActor,
  submitProgramVersion,
} from '../../registry/index.ts';
import type { ApplicableField } from '../extraction/extractor.ts';
import { changesFromDecisions, type FieldDecision } from '../proposal-decisions.ts';
import { assertProposalTransition } from '../proposal-status.ts';
import { findProposal, inScope, moveProposal } from '../proposals.repository.ts';
import { proposalNotFound } from './get-proposal.ts';

/**
 * Staff decide each proposed field. Accepted and edited values become a registry draft through the registry's own
 * `editProgramDraft`, which is then submitted for review with `submitProgramVersion` — an approver (four eyes)
 * still has to publish it. If every field is rejected, the proposal is discarded and the registry is not touched.
 * The proposal is claimed first (`open → applying`), so a double submit cannot apply it twice.
 */
export async function decideProposal(
  services: AppServices,
  input: {
    actor: RegistryActor;
    proposalId: string;
    decisions: Partial<Record<ApplicableField, FieldDecision>>;
    requestId?: string | null;
  },
) {
  assertRole(input.actor, 'registry-editor');
  const now = services.now();
  const proposal = await inScope(services, input.actor, async (tx) => {
    const row = await findProposal(tx, input.proposalId);
    if (!row) throw proposalNotFound(input.proposalId);
    assertProposalTransition(row.status, 'applying');
    if (!(await moveProposal(tx, row.id, 'open', { status: 'applying', updatedAt: now })))
      assertProposalTransition('applying', 'applying');
    return row;
  });
  const release = () =>
    inScope(services, input.actor, (tx) =>
      moveProposal(tx, proposal.id, 'applying', { status: 'open', updatedAt: now }),
    );
  try {
    const program = await getStaffProgram(services, { actor: input.actor, programId: proposal.programId });
    const changes = changesFromDecisions(program.open?.data ?? program.data, proposal.fields, input.decisions);
    const accepted = Object.keys(changes);
    let version: number | null = null;
    if (accepted.length) {
      const draft = await editProgramDraft(services, {
        actor: input.actor,
        programId: proposal.programId,
        changes,
        requestId: input.requestId,
      });
      await submitProgramVersion(services, {
        actor: input.actor,
        programId: proposal.programId,
        version: draft.version,
        requestId: input.requestId,
      });
      version = draft.version;
    }
    const status = version == null ? 'discarded' : 'applied';
    await inScope(services, input.actor, async (tx) => {
      await moveProposal(tx, proposal.id, 'applying', {
        status,
        appliedVersion: version,
        decisions: input.decisions,
        decidedBy: actorLabel(input.actor),
        updatedAt: now,
      });
      await recordAudit(tx, {
        actor: input.actor.actor,
        action: 'assist-proposal.decide',
        resource: { type: 'assist-proposal', id: proposal.id },
        municipalityCode: proposal.municipalityCode,
        purpose: 'staff decided proposed registry updates',
        outcome: 'success',
        requestId: input.requestId ?? null,
        detail: { programId: proposal.programId, accepted, version },
      });
    });
    return { proposalId: proposal.id, programId: proposal.programId, status, version, accepted } as const;
  } catch (error) {
    await release();
    throw error;
  }
}
