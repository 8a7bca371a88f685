import { desc, eq } from 'drizzle-orm';
import type { AppServices } from '../../../platform/services.ts';
import { getStaffProgram, type RegistryActor } from '../../registry/index.ts';
import { assistMessageDrafts } from '../assist.tables.ts';
import { inScope } from '../proposals.repository.ts';

/** The newest notice drafts the actor may see (own municipality; Tokyo-wide staff all), with program names. */
export async function listMessageDrafts(services: AppServices, input: { actor: RegistryActor; limit?: number }) {
  const rows = await inScope(services, input.actor, (tx) =>
    tx
      .select()
      .from(assistMessageDrafts)
      .orderBy(desc(assistMessageDrafts.updatedAt))
      .limit(input.limit ?? 100),
  );
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.programId))) {
    const program = await getStaffProgram(services, { actor: input.actor, programId: id });
    names.set(id, program.open?.data.name ?? program.data.name);
  }
  return rows.map((r) => ({ ...r, programName: names.get(r.programId) ?? r.programId }));
}

/** One draft in the actor's scope (row-level security hides other municipalities' drafts), with its program name. */
export async function getMessageDraft(services: AppServices, input: { actor: RegistryActor; draftId: string }) {
  const [row] = await inScope(services, input.actor, (tx) =>
    tx.select().from(assistMessageDrafts).where(eq(assistMessageDrafts.id, input.draftId)),
  );
  if (!row) return undefined;
  const program = await getStaffProgram(services, { actor: input.actor, programId: row.programId });
  return { ...row, programName: program.open?.data.name ?? program.data.name };
}
export type MessageDraftView = NonNullable<Awaited<ReturnType<typeof getMessageDraft>>>;
