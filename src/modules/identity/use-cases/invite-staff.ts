import { createHash, randomBytes } from 'node:crypto';
import { authorize, isTokyoWide } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, badRequest } from '../../../platform/http/app-error.ts';
import type { StaffInvite, StaffView } from '../identity-staff.schemas.ts';
import { isUniqueViolation } from '../repositories/pg-errors.ts';
import { findStaffByEmail } from '../repositories/staff.repository.ts';
import { staffAccounts, staffInvitations } from '../tables/staff.tables.ts';
import { emailTaken } from './create-staff-account.ts';
import { toStaffView } from './staff-views.ts';
import type { UseCaseContext } from './use-case-context.ts';

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * A municipality admin invites a colleague into their own municipality (a platform admin anywhere). The account is
 * created 'invited', without credentials; the one-time link (returned once, stored hashed) lets the person set a
 * password and an authenticator app.
 */
export async function inviteStaff(
  ctx: UseCaseContext,
  input: StaffInvite,
): Promise<{ staff: StaffView; invitationToken: string; expiresAt: Date }> {
  const { services, actor, requestId } = ctx;
  const scope = await authorize({ db: services.db, requestId }, actor, 'staff.invite', {
    municipalityCode: input.municipalityCode,
    resource: { type: 'staff-account' },
  });
  if (input.roles.includes('platform-admin') && !(actor.roles ?? []).includes('platform-admin')) {
    throw new AppError('forbidden', 403, {
      en: 'Only a platform admin can make another platform admin.',
      ja: 'プラットフォーム管理者を追加できるのはプラットフォーム管理者だけです。',
    });
  }
  if (input.municipalityCode === '130001' && !isTokyoWide(actor)) {
    throw new AppError('forbidden', 403, {
      en: 'You cannot invite Tokyo-wide staff.',
      ja: '都の職員は招待できません。',
    });
  }
  const kind = input.kind;
  if (kind === 'nursery' && !input.nurseryId) {
    throw badRequest('nursery-required', 'body.nurseryId', {
      en: 'Nursery staff need a nursery.',
      ja: '保育施設を指定してください。',
    });
  }
  if (kind === 'clinic' && !input.institutionCode) {
    throw badRequest('institution-required', 'body.institutionCode', {
      en: 'Clinic staff need a 10-digit medical institution code.',
      ja: '10桁の医療機関コードを指定してください。',
    });
  }
  if (await findStaffByEmail(services.db, input.email)) throw emailTaken();
  const now = services.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  return withTenantScope(services.db, scope, async (tx) => {
    const [row] = await tx
      .insert(staffAccounts)
      .values({
        kind,
        email: input.email,
        displayName: input.displayName,
        municipalityCode: input.municipalityCode,
        roles: kind === 'municipal' ? input.roles : [],
        nurseryId: kind === 'nursery' ? (input.nurseryId ?? null) : null,
        institutionCode: kind === 'clinic' ? (input.institutionCode ?? null) : null,
        status: 'invited',
      })
      .returning();
    const staff = row!;
    await tx.insert(staffInvitations).values({
      staffId: staff.id,
      municipalityCode: staff.municipalityCode,
      tokenHash: hashInvitationToken(token),
      invitedBy: actor.id ?? 'unknown',
      expiresAt,
    });
    await recordAudit(tx, {
      actor,
      action: 'staff.invite',
      resource: { type: 'staff-account', id: staff.id },
      municipalityCode: staff.municipalityCode,
      purpose: 'staff invitation',
      outcome: 'success',
      requestId,
      detail: { roles: staff.roles, kind },
    });
    return { staff: toStaffView(staff, now), invitationToken: token, expiresAt };
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  });
}
