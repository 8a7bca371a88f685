import { and, asc, eq } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import { type CheckupResultRow, checkupResults } from './checkup-results.tables.ts';

export type NewCheckupResult = typeof checkupResults.$inferInsert;

/** One result per subject, kind and check-up: a second recording of the same check-up is a 409, never a duplicate. */
export async function insertCheckupResult(tx: ScopedTx, values: NewCheckupResult): Promise<CheckupResultRow> {
  const [row] = await tx.insert(checkupResults).values(values).onConflictDoNothing().returning();
  if (!row) {
    throw conflict('checkup-recorded', {
      en: 'A result for this check-up is recorded already.',
      ja: 'この健診の結果はすでに記録されています。',
    });
  }
  return row;
}

export function checkupResultsOfHousehold(tx: ScopedTx, householdId: string): Promise<CheckupResultRow[]> {
  return tx
    .select()
    .from(checkupResults)
    .where(eq(checkupResults.householdId, householdId))
    .orderBy(asc(checkupResults.examinedOn), asc(checkupResults.checkupCode));
}

export function checkupResultsOfSubject(
  tx: ScopedTx,
  kind: 'infant' | 'prenatal',
  subjectId: string,
): Promise<CheckupResultRow[]> {
  return tx
    .select()
    .from(checkupResults)
    .where(and(eq(checkupResults.kind, kind), eq(checkupResults.subjectId, subjectId)))
    .orderBy(asc(checkupResults.examinedOn));
}

/** The API shape (no household, recorder account or timestamps: those stay in the audit log). */
export const checkupResultView = (r: CheckupResultRow) => ({
  id: r.id,
  kind: r.kind,
  subjectId: r.subjectId,
  checkupCode: r.checkupCode,
  examinedOn: r.examinedOn,
  outcome: r.outcome,
  measurements: r.measurements,
  notes: r.notes,
  recordedByKind: r.recordedByKind,
  institutionCode: r.institutionCode,
});
