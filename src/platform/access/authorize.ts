import { recordAudit } from '../audit/record-audit.ts';
import type { DbOrTx } from '../db/database.ts';
import type { TenantScope } from '../db/tenant-scope.ts';
import { AppError } from '../http/app-error.ts';
import type { Actor } from './actor.ts';
import { type Grant, type Permission, permissionGrant } from './permissions.ts';
import { TOKYO_WIDE_CODE } from './staff-roles.ts';

/** What is being touched: the tenant facts of the record (as many as are known) and, for the audit, which record. */
export interface AccessTarget {
  municipalityCode?: string | null;
  householdId?: string | null;
  nurseryId?: string | null;
  institutionCode?: string | null;
  resource?: { type: string; id?: string | number | null };
}

export type Decision = { allowed: true; scope: TenantScope } | { allowed: false; reason: DenyReason };
export type DenyReason = 'not-signed-in' | 'no-permission' | 'other-municipality' | 'other-household' | 'other-site';

/** True when the staff account acts for all of Tokyo (bound to 東京都 itself, or a platform admin). */
export function isTokyoWide(actor: Actor): boolean {
  return actor.municipalityCode === TOKYO_WIDE_CODE || (actor.roles ?? []).includes('platform-admin');
}

/** The row-level scope an actor's queries run in (see tenant-scope.ts), whatever the permission. */
export function scopeOf(actor: Actor): TenantScope | undefined {
  switch (actor.type) {
    case 'system':
      return { kind: 'all' };
    case 'parent':
      return actor.householdId ? { kind: 'household', householdId: actor.householdId } : undefined;
    case 'staff':
    case 'nursery-staff':
    case 'clinic-staff':
      if (actor.type === 'staff' && isTokyoWide(actor)) return { kind: 'all' };
      return actor.municipalityCode ? { kind: 'municipality', municipalityCode: actor.municipalityCode } : undefined;
    default:
      return undefined;
  }
}

/** The pure decision, also used by pages to show only what a person may do. */
export function decide(actor: Actor, permission: Permission, target: AccessTarget = {}): Decision {
  const grant: Grant = permissionGrant(permission);
  const scope = scopeOf(actor);
  if (actor.type === 'system') return { allowed: true, scope: { kind: 'all' } };
  if (actor.type === 'anonymous' || !actor.id) return { allowed: false, reason: 'not-signed-in' };
  switch (actor.type) {
    case 'parent':
      if (!grant.parent || !scope) return { allowed: false, reason: 'no-permission' };
      if (target.householdId && target.householdId !== actor.householdId) {
        return { allowed: false, reason: 'other-household' };
      }
      return { allowed: true, scope };
    case 'staff': {
      const held = (actor.roles ?? []).some((role) => grant.roles?.includes(role));
      if (!held || !scope) return { allowed: false, reason: 'no-permission' };
      if (
        target.municipalityCode &&
        scope.kind === 'municipality' &&
        target.municipalityCode !== scope.municipalityCode
      ) {
        return { allowed: false, reason: 'other-municipality' };
      }
      return { allowed: true, scope };
    }
    case 'nursery-staff':
      if (!grant.nurseryStaff || !scope) return { allowed: false, reason: 'no-permission' };
      if (target.nurseryId && target.nurseryId !== actor.nurseryId) return { allowed: false, reason: 'other-site' };
      return { allowed: true, scope };
    case 'clinic-staff':
      if (!grant.clinicStaff || !scope) return { allowed: false, reason: 'no-permission' };
      if (target.institutionCode && target.institutionCode !== actor.institutionCode) {
        return { allowed: false, reason: 'other-site' };
      }
      // A clinic serves patients from anywhere in Tokyo; what it may see is limited by the patient's consent.
      return { allowed: true, scope: { kind: 'all' } };
    case 'partner-app':
      if (!grant.partnerScope || !(actor.scopes ?? []).includes(grant.partnerScope)) {
        return { allowed: false, reason: 'no-permission' };
      }
      return { allowed: true, scope: { kind: 'all' } };
    default:
      return { allowed: false, reason: 'no-permission' };
  }
}

export interface AccessContext {
  /** Where a denial is recorded: the pool, not a transaction that is about to roll back. */
  db: DbOrTx;
  requestId?: string | null;
}

/**
 * The one permission check. Returns the tenant scope to run the work in (pass it to withTenantScope); a denial is
 * written to the audit log and thrown as 401/403 problem.
 */
export async function authorize(
  context: AccessContext,
  actor: Actor,
  permission: Permission,
  target: AccessTarget = {},
): Promise<TenantScope> {
  const decision = decide(actor, permission, target);
  if (decision.allowed) return decision.scope;
  await recordAudit(context.db, {
    actor,
    action: permission,
    resource: target.resource ?? { type: permission.split('.')[0] ?? 'unknown' },
    municipalityCode: target.municipalityCode ?? actor.municipalityCode ?? null,
    purpose: 'access check',
    outcome: 'denied',
    requestId: context.requestId ?? null,
    detail: { reason: decision.reason },
  });
  if (decision.reason === 'not-signed-in') {
    throw new AppError('unauthorized', 401, { en: 'Sign in first.', ja: 'ログインしてください。' });
  }
  throw new AppError('forbidden', 403, {
    en: `You may not do this (${permission}).`,
    ja: `この操作（${permission}）は許可されていません。`,
  });
}
