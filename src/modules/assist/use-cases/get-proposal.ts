import { notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { getStaffProgram, type RegistryActor } from '../../registry/index.ts';
import { proposalDiff } from '../proposal-diff.ts';
import { findProposal, inScope } from '../proposals.repository.ts';

export const proposalNotFound = (id: string) =>
  notFound({ en: `No proposal has the id ${id}.`, ja: `ID ${id} の提案はありません。` });

/** A proposal with the field-by-field diff against the program as it stands (its open draft, else published). */
export async function getProposal(services: AppServices, input: { actor: RegistryActor; proposalId: string }) {
  const proposal = await inScope(services, input.actor, (tx) => findProposal(tx, input.proposalId));
  if (!proposal) throw proposalNotFound(input.proposalId);
  const program = await getStaffProgram(services, { actor: input.actor, programId: proposal.programId });
  const current = program.open?.data ?? program.data;
  return { proposal, program, diff: proposalDiff(current, proposal.fields) };
}
export type ProposalView = Awaited<ReturnType<typeof getProposal>>;
