import { eq } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { assistProposals } from '../assist.tables.ts';
import { proposalNotFound } from './get-proposal.ts';

/**
 * The program and municipality a proposal belongs to, read before authorization so `authorize` can target the
 * right municipality (the same order as the registry's `programMunicipality`). Only ids are read here.
 */
export async function proposalProgram(services: AppServices, proposalId: string) {
  const [row] = await services.db
    .select({ id: assistProposals.programId, municipalityCode: assistProposals.municipalityCode })
    .from(assistProposals)
    .where(eq(assistProposals.id, proposalId));
  if (!row) throw proposalNotFound(proposalId);
  return row;
}
