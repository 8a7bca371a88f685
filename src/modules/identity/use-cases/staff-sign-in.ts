import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findStaffByEmail, findStaffById, type StaffRow, staffActorOf } from '../repositories/staff.repository.ts';
import { createSession, revokeSession, type SessionRow } from '../sessions/session-store.ts';
import { verifyPassword } from '../staff/password.ts';
import { accountLocked, invalidCredentials, invalidTotp, signInExpired } from '../staff/staff-errors.ts';
import { checkTotp } from '../staff/totp.ts';
import { staffAccounts } from '../tables/staff.tables.ts';

/** After this many wrong passwords or codes in a row the account is locked for LOCK_MS. */
export const MAX_FAILED_ATTEMPTS = 5;
export const LOCK_MS = 15 * 60_000;

interface SignInContext {
  requestId?: string | null;
  userAgent?: string;
}

async function recordFailure(services: AppServices, row: StaffRow, reason: string, context: SignInContext) {
  const now = services.now();
  // One statement, so two wrong attempts at the same moment both count.
  const [updated] = await services.db
    .update(staffAccounts)
    .set({
      failedAttempts: sql`${staffAccounts.failedAttempts} + 1`,
      lockedUntil: sql`case when ${staffAccounts.failedAttempts} + 1 >= ${MAX_FAILED_ATTEMPTS}
        then ${new Date(now.getTime() + LOCK_MS).toISOString()}::timestamptz else ${staffAccounts.lockedUntil} end`,
    })
    .where(eq(staffAccounts.id, row.id))
    .returning({ failedAttempts: staffAccounts.failedAttempts, lockedUntil: staffAccounts.lockedUntil });
  await recordAudit(services.db, {
    actor: { type: 'staff', id: row.id },
    action: 'staff.sign-in',
    resource: { type: 'staff-account', id: row.id },
    municipalityCode: row.municipalityCode,
    purpose: 'staff sign-in',
    outcome: 'failure',
    requestId: context.requestId,
    detail: { reason, failedAttempts: updated?.failedAttempts ?? null },
  });
}

function lockedUntil(row: StaffRow, now: Date): Date | undefined {
  return row.lockedUntil && row.lockedUntil.getTime() > now.getTime() ? row.lockedUntil : undefined;
}

/**
 * Step 1: e-mail and password. A correct pair opens a short 'totp-pending' session that can do nothing but take
 * the code (step 2). Wrong pairs count towards the lockout; every outcome is audited.
 */
export async function verifyStaffPassword(
  services: AppServices,
  input: { email: string; password: string },
  context: SignInContext = {},
): Promise<{ token: string; session: SessionRow }> {
  const now = services.now();
  const row = await findStaffByEmail(services.db, input.email);
  const passwordOk = await verifyPassword(row?.passwordHash, input.password);
  if (row?.status !== 'active') {
    await recordAudit(services.db, {
      actor: row ? { type: 'staff', id: row.id } : { type: 'anonymous' },
      action: 'staff.sign-in',
      resource: { type: 'staff-account', id: row?.id ?? null },
      municipalityCode: row?.municipalityCode ?? null,
      purpose: 'staff sign-in',
      outcome: 'failure',
      requestId: context.requestId,
      detail: { reason: row ? `account-${row.status}` : 'unknown-account' },
    });
    throw invalidCredentials();
  }
  const locked = lockedUntil(row, now);
  if (locked) {
    await recordAudit(services.db, {
      actor: { type: 'staff', id: row.id },
      action: 'staff.sign-in',
      resource: { type: 'staff-account', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'staff sign-in',
      outcome: 'denied',
      requestId: context.requestId,
      detail: { reason: 'locked' },
    });
    throw accountLocked(locked);
  }
  if (!passwordOk) {
    await recordFailure(services, row, 'wrong-password', context);
    throw invalidCredentials();
  }
  return createSession(services.db, {
    principalType: 'staff',
    principalId: row.id,
    stage: 'totp-pending',
    now,
    ...(context.userAgent ? { userAgent: context.userAgent } : {}),
  });
}

/**
 * Step 2: the TOTP code. Success ends the pending session and opens a new one with a fresh token (so a token seen
 * before the second factor is worth nothing after it).
 */
export async function verifyStaffTotp(
  services: AppServices,
  input: { pendingSession: SessionRow; code: string },
  context: SignInContext = {},
): Promise<{ token: string; session: SessionRow; actor: Actor }> {
  const now = services.now();
  const { pendingSession } = input;
  const row = await findStaffById(services.db, pendingSession.principalId);
  if (row?.status !== 'active' || !row.totpSecret || pendingSession.stage !== 'totp-pending') {
    throw signInExpired();
  }
  const locked = lockedUntil(row, now);
  if (locked) {
    await revokeSession(services.db, pendingSession.id, 'locked', now);
    throw accountLocked(locked);
  }
  const check = checkTotp(row.totpSecret, input.code.trim(), now, row.totpLastStep);
  if (!check.valid) {
    await recordFailure(services, row, 'wrong-totp', context);
    throw invalidTotp();
  }
  return services.db.transaction(async (tx) => {
    // The step is claimed with a guard, so the same code submitted twice at once succeeds only once.
    const claimed = await tx
      .update(staffAccounts)
      .set({ totpLastStep: check.step, failedAttempts: 0, lockedUntil: null, lastLoginAt: now })
      .where(
        sql`${staffAccounts.id} = ${row.id} and (${staffAccounts.totpLastStep} is null or ${staffAccounts.totpLastStep} < ${check.step})`,
      )
      .returning({ id: staffAccounts.id });
    if (claimed.length === 0) throw invalidTotp();
    await revokeSession(tx, pendingSession.id, 'second-factor-passed', now);
    const created = await createSession(tx, {
      principalType: 'staff',
      principalId: row.id,
      stage: 'active',
      now,
      ...(context.userAgent ? { userAgent: context.userAgent } : {}),
    });
    await recordAudit(tx, {
      actor: { type: 'staff', id: row.id },
      action: 'staff.sign-in',
      resource: { type: 'staff-account', id: row.id },
      municipalityCode: row.municipalityCode,
      purpose: 'staff sign-in',
      outcome: 'success',
      requestId: context.requestId,
    });
    return { ...created, actor: staffActorOf(row, created.session.id) };
  });
}
