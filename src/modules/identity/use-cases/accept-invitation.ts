import { and, eq, gt, isNull } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findStaffById, type StaffRow } from '../repositories/staff.repository.ts';
import { hashPassword } from '../staff/password.ts';
import { invalidTotp } from '../staff/staff-errors.ts';
import { checkTotp } from '../staff/totp.ts';
import { staffAccounts, staffInvitations } from '../tables/staff.tables.ts';
import { hashInvitationToken } from './invite-staff.ts';

export const invitationInvalid = () =>
  new AppError('invitation-invalid', 404, {
    en: 'This invitation link is not valid: it was used already, has expired, or was mistyped.',
    ja: 'この招待リンクは無効です（使用済み・期限切れ・入力誤りのいずれかです）。',
  });

/** The invited account behind a link, while the link is still good (for the page that asks for a password). */
export async function findInvitation(services: AppServices, token: string): Promise<StaffRow> {
  const [invitation] = await services.db
    .select()
    .from(staffInvitations)
    .where(
      and(
        eq(staffInvitations.tokenHash, hashInvitationToken(token)),
        isNull(staffInvitations.acceptedAt),
        gt(staffInvitations.expiresAt, services.now()),
      ),
    );
  const staff = invitation ? await findStaffById(services.db, invitation.staffId) : undefined;
  if (staff?.status !== 'invited') throw invitationInvalid();
  return staff;
}

/**
 * The invited person sets a password and proves their authenticator app works with one code for the secret that
 * the page showed them. Only then does the account become active; the link works once.
 */
export async function acceptInvitation(
  services: AppServices,
  input: { token: string; password: string; totpSecret: string; code: string },
  context: { requestId?: string | null } = {},
): Promise<StaffRow> {
  const staff = await findInvitation(services, input.token);
  const now = services.now();
  const check = checkTotp(input.totpSecret, input.code, now, null);
  if (!check.valid) throw invalidTotp();
  const passwordHash = await hashPassword(input.password);
  return services.db.transaction(async (tx) => {
    const used = await tx
      .update(staffInvitations)
      .set({ acceptedAt: now })
      .where(and(eq(staffInvitations.tokenHash, hashInvitationToken(input.token)), isNull(staffInvitations.acceptedAt)))
      .returning({ id: staffInvitations.id });
    if (used.length === 0) throw invitationInvalid();
    const [row] = await tx
      .update(staffAccounts)
      .set({ status: 'active', passwordHash, totpSecret: input.totpSecret, totpLastStep: check.step, updatedAt: now })
      .where(and(eq(staffAccounts.id, staff.id), eq(staffAccounts.status, 'invited')))
      .returning();
    if (!row) throw invitationInvalid();
    await recordAudit(tx, {
      actor: { type: 'staff', id: row.id },
      action: 'staff.accept-invitation',
      resource: { type: 'staff-account', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'staff invitation accepted',
      outcome: 'success',
      requestId: context.requestId,
    });
    return row;
  });
}
