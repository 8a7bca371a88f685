import { eq } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { StaffView } from '../identity-staff.schemas.ts';
import { findStaffById, findStaffInScope, listStaff } from '../repositories/staff.repository.ts';
import { revokeAllSessions } from '../sessions/session-store.ts';
import { staffAccounts } from '../tables/staff.tables.ts';
import { toStaffView } from './staff-views.ts';
import type { UseCaseContext } from './use-case-context.ts';

const staffNotFound = () => notFound({ en: 'No such staff account.', ja: '該当する職員アカウントがありません。' });

export async function listStaffAccounts(ctx: UseCaseContext): Promise<StaffView[]> {
  const { services, actor, requestId } = ctx;
  const scope = await authorize({ db: services.db, requestId }, actor, 'staff.read', {});
  const now = services.now();
  return withTenantScope(services.db, scope, async (tx) => (await listStaff(tx)).map((row) => toStaffView(row, now)));
}

/** Roles, disabling (which ends the person's sessions) and unlocking after a lockout. */
export async function updateStaffAccount(
  ctx: UseCaseContext,
  input: { staffId: string; roles?: StaffRole[]; status?: 'active' | 'disabled'; unlock?: boolean },
): Promise<StaffView> {
  const { services, actor, requestId } = ctx;
  const target = await findStaffById(services.db, input.staffId);
  if (!target) throw staffNotFound();
  const scope = await authorize({ db: services.db, requestId }, actor, 'staff.manage', {
    municipalityCode: target.municipalityCode,
    resource: { type: 'staff-account', id: target.id },
  });
  const actorIsPlatformAdmin = (actor.roles ?? []).includes('platform-admin');
  const touchesPlatformAdmin = target.roles.includes('platform-admin') || input.roles?.includes('platform-admin');
  if (touchesPlatformAdmin && !actorIsPlatformAdmin) {
    throw new AppError('forbidden', 403, {
      en: 'Only a platform admin can change a platform admin.',
      ja: 'プラットフォーム管理者を変更できるのはプラットフォーム管理者だけです。',
    });
  }
  if (target.id === actor.id && (input.status === 'disabled' || input.roles)) {
    throw new AppError('forbidden', 403, {
      en: 'You cannot change your own roles or disable yourself.',
      ja: '自分自身の権限の変更や無効化はできません。',
    });
  }
  if (input.status === 'active' && target.status === 'invited') {
    throw new AppError('invalid-transition', 409, {
      en: 'An invited account becomes active when the person accepts the invitation.',
      ja: '招待中のアカウントは、本人が招待を承諾すると有効になります。',
    });
  }
  const now = services.now();
  return withTenantScope(services.db, scope, async (tx) => {
    const current = await findStaffInScope(tx, input.staffId);
    if (!current) throw staffNotFound();
    const [row] = await tx
      .update(staffAccounts)
      .set({
        ...(input.roles && current.kind === 'municipal' ? { roles: input.roles } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.unlock ? { failedAttempts: 0, lockedUntil: null } : {}),
        updatedAt: now,
      })
      .where(eq(staffAccounts.id, current.id))
      .returning();
    if (input.status === 'disabled' || input.roles) {
      // New roles take effect at the next sign-in; a disabled account is signed out at once.
      await revokeAllSessions(tx, { principalType: 'staff', principalId: current.id }, 'changed-by-admin', now);
    }
    await recordAudit(tx, {
      actor,
      action: 'staff.manage',
      resource: { type: 'staff-account', id: current.id },
      municipalityCode: current.municipalityCode,
      purpose: 'staff account administration',
      outcome: 'success',
      requestId,
      detail: { roles: input.roles ?? null, status: input.status ?? null, unlock: input.unlock ?? false },
    });
    return toStaffView(row!, now);
  });
}
