import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../../platform/services.ts';
import { assertRole, type RegistryActor } from '../../registry/index.ts';
import type { ApplicableField } from '../extraction/extractor.ts';
import type { FieldDecision } from '../proposal-decisions.ts';
import { assertProposalTransition } from '../proposal-status.ts';
import { findProposal, inScope, moveProposal } from '../proposals.repository.ts';
import { applyClaimedProposal } from './apply-proposal.ts';
import { proposalNotFound } from './get-proposal.ts';

/**
 * Staff decide each proposed field. Accepted and edited values become a registry draft through the registry's own
 * `editProgramDraft`, which is then submitted for review with `submitProgramVersion` — an approver (four eyes)
 * still has to publish it. If every field is rejected, the proposal is discarded and the registry is not touched.
 * The proposal is claimed first (`open → applying`, with a claim id and time, the decisions stored), so a double
 * submit cannot apply it twice, and a crashed apply can be resumed (resume-proposal.ts).
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
  const claimId = randomUUID();
  const proposal = await inScope(services, input.actor, async (tx) => {
    const row = await findProposal(tx, input.proposalId);
    if (!row) throw proposalNotFound(input.proposalId);
    assertProposalTransition(row.status, 'applying');
    const now = services.now();
    const claimed = await moveProposal(tx, row.id, 'open', {
      status: 'applying',
      claimId,
      claimedAt: now,
      decisions: input.decisions,
      pendingVersion: null,
      updatedAt: now,
    });
    if (!claimed) assertProposalTransition('applying', 'applying');
    return row;
  });
  return applyClaimedProposal(services, {
    actor: input.actor,
    proposal: { ...proposal, pendingVersion: null },
    claimId,
    decisions: input.decisions,
    requestId: input.requestId,
    resumed: false,
  });
}
