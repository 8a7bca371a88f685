import { and, desc, inArray, ne, or, sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AccessLogEntry } from '../consent.schemas.ts';
import { householdNotFound, notAParent } from '../household-errors.ts';
import { findHousehold } from '../repositories/household.repository.ts';
import { staffAccounts } from '../tables/staff.tables.ts';
import type { UseCaseContext } from './use-case-context.ts';

const LIMIT = 200;

const institutionOf = (detail: unknown): string | null => {
  const code = (detail as { institutionCode?: unknown } | null)?.institutionCode;
  return typeof code === 'string' && /^\d{10}$/.test(code) ? code : null;
};

/**
 * 「このデータを見た人」: audit events on the household and its people — who (kind of actor and municipality, not a
 * staff member's name), when, what, why, and whether it was refused.
 */
export async function listAccessLog(ctx: UseCaseContext): Promise<AccessLogEntry[]> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'parent' || !actor.householdId) throw notAParent();
  const householdId = actor.householdId;
  const scope = await authorize({ db: services.db, requestId }, actor, 'access-log.read', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const household = await findHousehold(tx, householdId);
    if (!household) throw householdNotFound();
    const byType: [string, string[]][] = [
      ['household', [household.id]],
      ['parent', household.parents.map((p) => p.id)],
      ['child', household.children.map((c) => c.id)],
      ['pregnancy', household.pregnancies.map((p) => p.id)],
    ];
    const conditions = byType
      .filter(([, ids]) => ids.length > 0)
      .map(([type, ids]) => and(sql`${auditEvents.resourceType} = ${type}`, inArray(auditEvents.resourceId, ids)));
    const rows = await tx
      .select()
      .from(auditEvents)
      // A parent viewing their own household is still audited, but is not "someone who looked at my data".
      .where(
        and(
          or(...conditions),
          ne(auditEvents.action, 'parent.sign-in'),
          sql`not (${auditEvents.actorType} = 'parent' and ${auditEvents.action} = 'household.read')`,
        ),
      )
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(LIMIT);
    // The municipality shown is the staff member's own (a refused look from another ward shows that ward), read on
    // the system path because staff accounts of other municipalities are outside the parent's scope.
    const staffIds = [
      ...new Set(rows.filter((r) => r.actorType.endsWith('staff') && r.actorId).map((r) => r.actorId!)),
    ];
    const staffRows = staffIds.length
      ? await services.db
          .select({ id: staffAccounts.id, municipalityCode: staffAccounts.municipalityCode })
          .from(staffAccounts)
          .where(inArray(staffAccounts.id, staffIds))
      : [];
    const staffMunicipality = new Map(staffRows.map((r) => [r.id, r.municipalityCode]));
    return rows.map((row) => ({
      occurredAt: row.occurredAt.toISOString(),
      actorType: row.actorType,
      municipalityCode: row.actorId ? (staffMunicipality.get(row.actorId) ?? null) : null,
      institutionCode: institutionOf(row.detail),
      action: row.action,
      resourceType: row.resourceType,
      purpose: row.purpose,
      outcome: row.outcome,
    }));
  });
}
