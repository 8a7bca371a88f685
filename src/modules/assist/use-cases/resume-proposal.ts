import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { assertRole, type RegistryActor } from '../../registry/index.ts';
import { assistProposals } from '../assist.tables.ts';
import { APPLY_LEASE_MS, claimExpired } from '../proposal-status.ts';
import { findProposal, inScope } from '../proposals.repository.ts';
import { applyClaimedProposal } from './apply-proposal.ts';
import { proposalNotFound } from './get-proposal.ts';

/**
 * Recovers a proposal left `applying` by a process that died mid-apply: once the claim's lease has run out, the
 * claim is taken over (a new claim id, by a conditional update, so two resumes cannot both win) and the decisions
 * stored with the claim are applied again — idempotently, see apply-proposal.ts. A live claim is refused (409).
 */
export async function resumeProposal(
  services: AppServices,
  input: { actor: RegistryActor; proposalId: string; requestId?: string | null },
) {
  assertRole(input.actor, 'registry-editor');
  const claimId = randomUUID();
  const now = services.now();
  const proposal = await inScope(services, input.actor, async (tx) => {
    const row = await findProposal(tx, input.proposalId);
    if (!row) throw proposalNotFound(input.proposalId);
    if (row.status !== 'applying' || !claimExpired(row.claimedAt, now)) {
      throw conflict('assist-proposal-not-stuck', {
        en: `This proposal is ${row.status}${row.status === 'applying' ? ' and still being applied' : ''}; there is nothing to resume.`,
        ja: `この提案は再開できません（${row.status}${row.status === 'applying' ? '・処理中' : ''}）。`,
      });
    }
    const taken = await tx
      .update(assistProposals)
      .set({ claimId, claimedAt: now, updatedAt: now })
      .where(
        and(
          eq(assistProposals.id, row.id),
          eq(assistProposals.status, 'applying'),
          or(
            isNull(assistProposals.claimedAt),
            lt(assistProposals.claimedAt, new Date(now.getTime() - APPLY_LEASE_MS)),
          ),
        ),
      )
      .returning({ id: assistProposals.id });
    if (taken.length !== 1) {
      throw conflict('assist-proposal-not-stuck', {
        en: 'Someone else resumed this proposal just now.',
        ja: '別の職員がこの提案の処理を再開しました。',
      });
    }
    return row;
  });
  if (!proposal.decisions) {
    // Claimed before decisions were stored with the claim (rows from before that change): there is nothing to
    // re-apply, so the proposal goes back to `open` under the new claim and staff decide again.
    await inScope(services, input.actor, (tx) =>
      tx
        .update(assistProposals)
        .set({ status: 'open', claimId: null, claimedAt: null, updatedAt: now })
        .where(and(eq(assistProposals.id, proposal.id), eq(assistProposals.claimId, claimId))),
    );
    return {
      proposalId: proposal.id,
      programId: proposal.programId,
      status: 'open' as const,
      version: null,
      accepted: [] as string[],
    };
  }
  return applyClaimedProposal(services, {
    actor: input.actor,
    proposal,
    claimId,
    decisions: proposal.decisions ?? {},
    requestId: input.requestId,
    resumed: true,
  });
}
