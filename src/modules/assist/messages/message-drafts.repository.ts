import { eq } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { notFound } from '../../../platform/http/app-error.ts';
import { assistMessageDrafts } from '../assist.tables.ts';

/** Loads and locks a draft in the caller's tenant scope (RLS: another municipality's draft is simply not there). */
export async function lockDraft(tx: ScopedTx, id: string) {
  const [row] = await tx.select().from(assistMessageDrafts).where(eq(assistMessageDrafts.id, id)).for('update');
  if (!row) throw notFound({ en: `No message draft has the id ${id}.`, ja: `ID ${id} の文案はありません。` });
  return row;
}
