import { conflict } from '../../platform/http/app-error.ts';

/**
 * A proposal is `open` while staff decide field by field; `applying` while its accepted fields are written as a
 * registry draft (a claim, so two clicks cannot apply it twice); then `applied` (the draft is in review) or
 * `discarded` (every field rejected). A failed apply goes back to `open`.
 *
 * A process that dies while `applying` leaves its claim behind. The claim is a lease: once it is older than
 * APPLY_LEASE_MS, staff may resume the proposal, which takes the claim over and re-applies the stored decisions
 * (idempotent, see apply-proposal.ts).
 */
export const APPLY_LEASE_MS = 2 * 60 * 1000;

export const PROPOSAL_STATUSES = ['open', 'applying', 'applied', 'discarded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  open: ['applying', 'discarded'],
  applying: ['applied', 'open'],
  applied: [],
  discarded: [],
};

/** True when an `applying` claim is older than the lease, i.e. its process is gone (an apply takes seconds). */
export function claimExpired(claimedAt: Date | null, now: Date): boolean {
  return claimedAt == null || now.getTime() - claimedAt.getTime() >= APPLY_LEASE_MS;
}

export function assertProposalTransition(from: ProposalStatus, to: ProposalStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw conflict('assist-proposal-closed', {
      en: `This proposal is ${from}; it can no longer be decided.`,
      ja: `この提案は処理済み（${from}）のため、判断できません。`,
    });
  }
}
