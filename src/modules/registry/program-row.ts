import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/database.ts';
import type { ProgramData } from './program-data.ts';
import { toSummary } from './program-view.ts';
import { type ChangeKind, registryChanges } from './registry.tables.ts';
import { searchKey } from './search-key.ts';

/**
 * The searchable columns of a program row and its public summary, derived from its data so they can never
 * disagree. The summary is stored ready to serve: the search returns it as text without parsing `data`.
 */
export function programColumns(data: ProgramData, row: { id: string; psid: string; updatedAt: Date }) {
  return {
    summary: JSON.stringify(toSummary({ ...row, data })),
    municipalityCode: data.municipalityCode,
    name: data.name,
    categories: data.categories,
    ageMinMonths: data.ageMonths.min,
    ageMaxMonths: data.ageMonths.max,
    ageSource: data.ageMonths.source,
    prenatal: data.prenatal,
    procedureTo: data.procedurePeriod.to,
    searchKey: searchKey([data.name, data.shortName, data.summary, data.targetText].filter(Boolean).join('\n')),
  };
}

// Any fixed number: serialises writers of the change feed (see registryChanges).
const CHANGE_FEED_LOCK = 7202611210004;

export async function lockChangeFeed(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHANGE_FEED_LOCK})`);
}

export interface ChangeRow {
  programId: string;
  psid: string;
  municipalityCode: string;
  kind: ChangeKind;
  version: number;
}

/** Call lockChangeFeed first, in the same transaction. */
export async function appendChanges(tx: DbOrTx, rows: ChangeRow[], occurredAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(registryChanges).values(rows.slice(i, i + 1000).map((r) => ({ ...r, occurredAt })));
  }
}

/** Field-by-field differences between two versions' data, for the version history. */
export function diffProgramData(before: ProgramData | null, after: ProgramData) {
  const keys = Object.keys(after) as (keyof ProgramData)[];
  return keys
    .filter((k) => JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, before: before?.[k] ?? null, after: after[k] ?? null }));
}
