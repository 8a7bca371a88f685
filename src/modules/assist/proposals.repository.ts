import { and, desc, eq } from 'drizzle-orm';
import { type ScopedTx, type TenantScope, withTenantScope } from '../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../platform/services.ts';
import { TOKYO_CODE } from '../municipalities/index.ts';
import type { RegistryActor } from '../registry/index.ts';
import { assistProposals } from './assist.tables.ts';
import type { ProposalStatus } from './proposal-status.ts';

export type ProposalRow = typeof assistProposals.$inferSelect;

/** Tokyo-wide registry staff see every municipality's proposals; others only their own (RLS underneath). */
export function scopeOf(actor: RegistryActor): TenantScope {
  return actor.municipalityCode === TOKYO_CODE
    ? { kind: 'all' }
    : { kind: 'municipality', municipalityCode: actor.municipalityCode };
}

export function inScope<T>(services: AppServices, actor: RegistryActor, fn: (tx: ScopedTx) => Promise<T>) {
  return withTenantScope(services.db, scopeOf(actor), fn);
}

export async function findProposal(tx: ScopedTx, id: string): Promise<ProposalRow | undefined> {
  const [row] = await tx.select().from(assistProposals).where(eq(assistProposals.id, id));
  return row;
}

export async function listProposals(tx: ScopedTx, programId: string) {
  return tx
    .select({
      id: assistProposals.id,
      status: assistProposals.status,
      sourceKind: assistProposals.sourceKind,
      sourceName: assistProposals.sourceName,
      createdAt: assistProposals.createdAt,
      appliedVersion: assistProposals.appliedVersion,
      claimedAt: assistProposals.claimedAt,
    })
    .from(assistProposals)
    .where(eq(assistProposals.programId, programId))
    .orderBy(desc(assistProposals.createdAt))
    .limit(100);
}

/** Moves a proposal from one status to the next only if it is still in the first (a claim; false = someone else won). */
export async function moveProposal(
  tx: ScopedTx,
  id: string,
  from: ProposalStatus,
  set: Partial<typeof assistProposals.$inferInsert> & { status: ProposalStatus },
): Promise<boolean> {
  const rows = await tx
    .update(assistProposals)
    .set(set)
    .where(and(eq(assistProposals.id, id), eq(assistProposals.status, from)))
    .returning({ id: assistProposals.id });
  return rows.length === 1;
}
