import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import type { StaffRole } from '../../../platform/access/staff-roles.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { conflict } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { isUniqueViolation } from '../repositories/pg-errors.ts';
import { findStaffByEmail, type StaffRow } from '../repositories/staff.repository.ts';
import { hashPassword } from '../staff/password.ts';
import { newTotpSecret } from '../staff/totp.ts';
import { type StaffKind, staffAccounts } from '../tables/staff.tables.ts';

export interface NewActiveStaff {
  email: string;
  displayName: string;
  municipalityCode: string;
  roles: StaffRole[];
  password: string;
  kind?: StaffKind;
  nurseryId?: string;
  institutionCode?: string;
  /** Only the demo seed passes one (so its printed secret stays valid across restarts). */
  totpSecret?: string;
}

export const emailTaken = () =>
  conflict('email-taken', {
    en: 'An account with this e-mail address exists already.',
    ja: 'このメールアドレスのアカウントはすでに存在します。',
  });

/**
 * An active account with its password and a new TOTP secret, created by the system (the `users create-admin`
 * command, the demo seed, tests). People join through invitations instead.
 */
export async function createActiveStaff(
  services: AppServices,
  input: NewActiveStaff,
): Promise<{ staff: StaffRow; totpSecret: string }> {
  if (await findStaffByEmail(services.db, input.email)) throw emailTaken();
  const totpSecret = input.totpSecret ?? newTotpSecret();
  const passwordHash = await hashPassword(input.password);
  const staff = await withTenantScope(services.db, { kind: 'all' }, async (tx) => {
    const [row] = await tx
      .insert(staffAccounts)
      .values({
        kind: input.kind ?? 'municipal',
        email: input.email.trim(),
        displayName: input.displayName,
        municipalityCode: input.municipalityCode,
        roles: input.kind && input.kind !== 'municipal' ? [] : input.roles,
        nurseryId: input.nurseryId ?? null,
        institutionCode: input.institutionCode ?? null,
        status: 'active',
        passwordHash,
        totpSecret,
      })
      .returning();
    await recordAudit(tx, {
      actor: SYSTEM_ACTOR,
      action: 'staff.create',
      resource: { type: 'staff-account', id: row!.id },
      municipalityCode: input.municipalityCode,
      purpose: 'account created by an operator',
      outcome: 'success',
      detail: { roles: input.roles },
    });
    return row!;
  }).catch((error: unknown) => {
    if (isUniqueViolation(error)) throw emailTaken();
    throw error;
  });
  return { staff, totpSecret };
}
