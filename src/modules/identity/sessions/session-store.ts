import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { demoCardStore } from '../tables/demo-card.tables.ts';
import { oidcLoginRequests, type PrincipalType, type SessionStage, sessions } from '../tables/session.tables.ts';

/** How long a session lives: without activity (idle) and at most from sign-in (absolute). */
export const SESSION_LIMITS: Record<PrincipalType | 'totp-pending', { idleMs: number; absoluteMs: number }> = {
  parent: { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 },
  staff: { idleMs: 15 * 60_000, absoluteMs: 10 * 60 * 60_000 },
  // Between a correct password and the TOTP code.
  'totp-pending': { idleMs: 5 * 60_000, absoluteMs: 5 * 60_000 },
};

/** last_seen_at is written at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 60_000;

export type SessionRow = typeof sessions.$inferSelect;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: DbOrTx,
  values: { principalType: PrincipalType; principalId: string; stage: SessionStage; now: Date; userAgent?: string },
): Promise<{ token: string; session: SessionRow }> {
  const token = randomBytes(32).toString('base64url');
  const limits = SESSION_LIMITS[values.stage === 'totp-pending' ? 'totp-pending' : values.principalType];
  const [session] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      principalType: values.principalType,
      principalId: values.principalId,
      stage: values.stage,
      createdAt: values.now,
      lastSeenAt: values.now,
      expiresAt: new Date(values.now.getTime() + limits.absoluteMs),
      userAgent: values.userAgent?.slice(0, 300) ?? null,
    })
    .returning();
  return { token, session: session! };
}

export type SessionLookup =
  | { status: 'valid'; session: SessionRow }
  | { status: 'missing' | 'revoked' | 'expired' | 'idle' };

/** Finds the session of a cookie token and checks its timeouts; a valid one has its idle clock reset. */
export async function lookupSession(db: DbOrTx, token: string, now: Date): Promise<SessionLookup> {
  const [session] = await db
    .select()
    .from(sessions)
    .where(eq(sessions.id, hashToken(token)));
  return checkSession(db, session, now);
}

/**
 * The timeouts of a session row already read (undefined: no such session); a valid one has its idle clock reset.
 * Split from lookupSession so the request hook can read the session and its principal in one query.
 */
export async function checkSession(db: DbOrTx, session: SessionRow | undefined, now: Date): Promise<SessionLookup> {
  if (!session) return { status: 'missing' };
  if (session.revokedAt) return { status: 'revoked' };
  if (session.expiresAt.getTime() <= now.getTime()) return { status: 'expired' };
  const limits = SESSION_LIMITS[session.stage === 'totp-pending' ? 'totp-pending' : session.principalType];
  if (now.getTime() - session.lastSeenAt.getTime() > limits.idleMs) {
    await revokeSession(db, session.id, 'idle-timeout', now);
    return { status: 'idle' };
  }
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, session.id));
  }
  return { status: 'valid', session };
}

export async function revokeSession(db: DbOrTx, sessionId: string, reason: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Sign-out everywhere: every open session of the person ends now. Returns how many there were. */
export async function revokeAllSessions(
  db: DbOrTx,
  principal: { principalType: PrincipalType; principalId: string },
  reason: string,
  now: Date,
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.principalType, principal.principalType),
        eq(sessions.principalId, principal.principalId),
        isNull(sessions.revokedAt),
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/**
 * Housekeeping: removes sessions and card sign-in requests that ended more than a day ago (nothing reads them; the
 * audit log keeps the record of sign-ins). Returns how many rows went.
 */
export async function purgeEndedSessions(db: DbOrTx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - 24 * 60 * 60_000);
  const ended = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, cutoff), lt(sessions.revokedAt, cutoff)))
    .returning({ id: sessions.id });
  const requests = await db
    .delete(oidcLoginRequests)
    .where(lt(oidcLoginRequests.expiresAt, cutoff))
    .returning({ id: oidcLoginRequests.id });
  const demoCard = await db
    .delete(demoCardStore)
    .where(lt(demoCardStore.expiresAt, cutoff))
    .returning({ id: demoCardStore.id });
  return ended.length + requests.length + demoCard.length;
}
