import { auditEvents } from '../../platform/audit/audit.tables.ts';
import type { AuditEntry } from '../../platform/audit/record-audit.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { jsonRowsInsert } from '../../platform/db/json-rows-insert.ts';

/**
 * Writes several audit events in one INSERT: the same rows `recordAudit` writes one by one, without a round trip
 * per claim. Used where one action touches many claims (a list, an application, a bulk approval).
 */
export async function recordAudits(db: DbOrTx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.execute(auditInsert(entries));
}

/**
 * The INSERT of `recordAudits`, not yet sent: a caller can put it in one statement with another write (a CTE), so
 * a claim's history and its audit record cost one round trip. `entries` must not be empty.
 */
export function auditInsert(entries: readonly AuditEntry[]) {
  return jsonRowsInsert(
    auditEvents,
    entries.map((entry) => ({
      actorType: entry.actor.type,
      actorId: entry.actor.id ?? null,
      action: entry.action,
      resourceType: entry.resource.type,
      resourceId: entry.resource.id == null ? null : String(entry.resource.id),
      municipalityCode: entry.municipalityCode ?? null,
      purpose: entry.purpose,
      outcome: entry.outcome,
      requestId: entry.requestId ?? null,
      detail: entry.detail ?? null,
    })),
  );
}
