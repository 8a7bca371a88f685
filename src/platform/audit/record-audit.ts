import type { Actor } from '../access/actor.ts';
import type { DbOrTx } from '../db/database.ts';
import { type AuditOutcome, auditEvents } from './audit.tables.ts';

export interface AuditEntry {
  actor: Actor;
  /** verb in `${resource}.${action}` form, e.g. `child.read`, `registry.import`. */
  action: string;
  resource: { type: string; id?: string | number | null };
  municipalityCode?: string | null;
  /** Why the record was touched, in words an auditor understands: 'eligibility check at clinic', … */
  purpose: string;
  outcome: AuditOutcome;
  requestId?: string | null;
  /** Non-personal context only (counts, codes); never names, birth dates or numbers. */
  detail?: Record<string, unknown>;
}

/**
 * Writes one audit event. Call it inside the transaction of the read or write it records, so the record of access
 * exists exactly when the access happened; denials are written on their own (nothing else commits).
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
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
  });
}
