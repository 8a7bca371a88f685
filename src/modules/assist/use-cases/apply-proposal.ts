import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import {
  actorLabel,
  editProgramDraft,
  getStaffProgram,
  type RegistryActor,
  submitProgramVersion,
} from '../../registry/index.ts';
import { assistProposals } from '../assist.tables.ts';
import type { ApplicableField } from '../extraction/extractor.ts';
import { changesFromDecisions, type FieldDecision } from '../proposal-decisions.ts';
import type { ProposalRow } from '../proposals.repository.ts';
import { inScope } from '../proposals.repository.ts';

/** Updates the proposal only while this claim still holds it: a process whose lease was taken over writes nothing. */
async function underClaim(
  tx: ScopedTx,
  proposalId: string,
  claimId: string,
  set: Partial<typeof assistProposals.$inferInsert>,
): Promise<boolean> {
  const rows = await tx
    .update(assistProposals)
    .set(set)
    .where(
      and(
        eq(assistProposals.id, proposalId),
        eq(assistProposals.status, 'applying'),
        eq(assistProposals.claimId, claimId),
      ),
    )
    .returning({ id: assistProposals.id });
  return rows.length === 1;
}

/**
 * Applies a claimed proposal's decisions through the registry. Safe to run again after a crash at any step:
 * - the registry draft version is recorded on the proposal (`pending_version`) BEFORE it is submitted;
 * - editing the open draft with the same values is a no-op in effect (registry updates its open draft in place);
 * - if the recorded version is already in review — or has moved on (published, sent back) — nothing is written
 *   to the registry again, the proposal is just marked applied with that version.
 * On failure the claim is released (`applying → open`) so staff can decide again.
 */
export async function applyClaimedProposal(
  services: AppServices,
  input: {
    actor: RegistryActor;
    proposal: ProposalRow;
    claimId: string;
    decisions: Partial<Record<ApplicableField, FieldDecision>>;
    requestId?: string | null;
    resumed: boolean;
  },
) {
  const { actor, proposal, claimId, decisions } = input;
  try {
    const program = await getStaffProgram(services, { actor, programId: proposal.programId });
    const pending = proposal.pendingVersion;
    const changes = changesFromDecisions(program.open?.data ?? program.data, proposal.fields, decisions);
    const accepted = Object.keys(changes);
    let version: number | null = null;
    if (pending != null && (program.open?.version !== pending || program.open.status === 'in_review')) {
      // A previous claim got as far as submitting (or beyond): the registry already has these changes.
      version = pending;
    } else if (accepted.length) {
      const draft = await editProgramDraft(services, {
        actor,
        programId: proposal.programId,
        changes,
        requestId: input.requestId,
      });
      await inScope(services, actor, (tx) =>
        underClaim(tx, proposal.id, claimId, { pendingVersion: draft.version, updatedAt: services.now() }),
      );
      await submitProgramVersion(services, {
        actor,
        programId: proposal.programId,
        version: draft.version,
        requestId: input.requestId,
      });
      version = draft.version;
    }
    const status = version == null ? 'discarded' : 'applied';
    await inScope(services, actor, async (tx) => {
      await underClaim(tx, proposal.id, claimId, {
        status,
        appliedVersion: version,
        decisions,
        decidedBy: actorLabel(actor),
        claimId: null,
        claimedAt: null,
        updatedAt: services.now(),
      });
      await recordAudit(tx, {
        actor: actor.actor,
        action: input.resumed ? 'assist-proposal.resume' : 'assist-proposal.decide',
        resource: { type: 'assist-proposal', id: proposal.id },
        municipalityCode: proposal.municipalityCode,
        purpose: 'staff decided proposed registry updates',
        outcome: 'success',
        requestId: input.requestId ?? null,
        detail: { programId: proposal.programId, accepted, version, resumed: input.resumed },
      });
    });
    return { proposalId: proposal.id, programId: proposal.programId, status, version, accepted } as const;
  } catch (error) {
    await inScope(services, actor, (tx) =>
      underClaim(tx, proposal.id, claimId, {
        status: 'open',
        claimId: null,
        claimedAt: null,
        updatedAt: services.now(),
      }),
    );
    throw error;
  }
}
