import { conflict } from '../../platform/http/app-error.ts';

/**
 * A proposal is `open` while staff decide field by field; `applying` while its accepted fields are written as a
 * registry draft (a claim, so two clicks cannot apply it twice); then `applied` (the draft is in review) or
 * `discarded` (every field rejected). A failed apply goes back to `open`.
 */
export const PROPOSAL_STATUSES = ['open', 'applying', 'applied', 'discarded'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

const TRANSITIONS: Record<ProposalStatus, readonly ProposalStatus[]> = {
  open: ['applying', 'discarded'],
  applying: ['applied', 'open'],
  applied: [],
  discarded: [],
};

export function assertProposalTransition(from: ProposalStatus, to: ProposalStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw conflict('assist-proposal-closed', {
      en: `This proposal is ${from}; it can no longer be decided.`,
      ja: `この提案は処理済み（${from}）のため、判断できません。`,
    });
  }
}
