import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { AppError, notFound } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { partnerApiKeys, partnerApps } from '../tables/staff.tables.ts';
import type { UseCaseContext } from './use-case-context.ts';

/** Requests one API key may make per minute (per process: each web replica counts on its own). */
export const PARTNER_KEY_RATE_PER_MINUTE = 600;
const usage = new Map<string, { windowStart: number; count: number }>();

function overRateLimit(keyId: string, now: Date): number | undefined {
  const minute = Math.floor(now.getTime() / 60_000) * 60_000;
  const entry = usage.get(keyId);
  if (!entry || entry.windowStart !== minute) {
    if (usage.size > 10_000) usage.clear();
    usage.set(keyId, { windowStart: minute, count: 1 });
    return undefined;
  }
  entry.count += 1;
  return entry.count > PARTNER_KEY_RATE_PER_MINUTE ? Math.ceil((minute + 60_000 - now.getTime()) / 1000) : undefined;
}

/** After a rotation the previous key keeps working this long, so the partner can deploy the new one. */
export const ROTATION_GRACE_MS = 24 * 60 * 60_000;
const KEY_PATTERN = /^tsk_([A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function newKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(9).toString('base64url');
  const key = `tsk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: sha256(key).toString('hex') };
}

export async function createPartnerApp(
  ctx: UseCaseContext,
  input: { name: string; scopes: string[] },
): Promise<{ appId: string; apiKey: string }> {
  const { services, actor, requestId } = ctx;
  await authorize({ db: services.db, requestId }, actor, 'partner-app.manage');
  return services.db.transaction(async (tx) => {
    const [app] = await tx.insert(partnerApps).values({ name: input.name, scopes: input.scopes }).returning();
    const { key, prefix, hash } = newKey();
    await tx.insert(partnerApiKeys).values({ appId: app!.id, prefix, keyHash: hash });
    await recordAudit(tx, {
      actor,
      action: 'partner-app.create',
      resource: { type: 'partner-app', id: app!.id },
      purpose: 'partner app registration',
      outcome: 'success',
      requestId,
      detail: { scopes: input.scopes },
    });
    return { appId: app!.id, apiKey: key };
  });
}

/** Issues a new key; the app's older keys expire after the grace period (or at once with `revokeOld`). */
export async function rotateApiKey(
  ctx: UseCaseContext,
  input: { appId: string; revokeOld?: boolean },
): Promise<{ apiKey: string }> {
  const { services, actor, requestId } = ctx;
  await authorize({ db: services.db, requestId }, actor, 'partner-app.manage');
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [app] = await tx.select().from(partnerApps).where(eq(partnerApps.id, input.appId));
    if (!app) throw notFound({ en: 'No such partner app.', ja: '該当する連携アプリがありません。' });
    const graceEnd = new Date(now.getTime() + ROTATION_GRACE_MS);
    await tx
      .update(partnerApiKeys)
      .set(input.revokeOld ? { revokedAt: now } : { expiresAt: graceEnd })
      .where(
        and(
          eq(partnerApiKeys.appId, app.id),
          isNull(partnerApiKeys.revokedAt),
          or(
            isNull(partnerApiKeys.expiresAt),
            lt(sql`${graceEnd.toISOString()}::timestamptz`, partnerApiKeys.expiresAt),
          ),
        ),
      );
    const { key, prefix, hash } = newKey();
    await tx.insert(partnerApiKeys).values({ appId: app.id, prefix, keyHash: hash });
    await recordAudit(tx, {
      actor,
      action: 'partner-app.rotate-key',
      resource: { type: 'partner-app', id: app.id },
      purpose: 'API key rotation',
      outcome: 'success',
      requestId,
      detail: { revokeOld: input.revokeOld ?? false },
    });
    return { apiKey: key };
  });
}

const invalidKey = () =>
  new AppError(
    'invalid-api-key',
    401,
    {
      en: 'The API key is not valid (unknown, revoked or expired).',
      ja: 'API キーが無効です（不明・失効・期限切れ）。',
    },
    [],
    { 'www-authenticate': 'Bearer error="invalid_token"' },
  );

/** The partner app behind `Authorization: Bearer tsk_…`; a bad key is audited and refused with 401. */
export async function authenticateApiKey(services: AppServices, key: string, requestId: string): Promise<Actor> {
  const match = KEY_PATTERN.exec(key);
  const now = services.now();
  const [row] = match
    ? await services.db
        .select({ key: partnerApiKeys, app: partnerApps })
        .from(partnerApiKeys)
        .innerJoin(partnerApps, eq(partnerApps.id, partnerApiKeys.appId))
        .where(eq(partnerApiKeys.prefix, match[1]!))
    : [];
  const hashOk = row ? timingSafeEqual(Buffer.from(row.key.keyHash, 'hex'), sha256(key)) : false;
  const usable =
    row &&
    hashOk &&
    !row.key.revokedAt &&
    (!row.key.expiresAt || row.key.expiresAt.getTime() > now.getTime()) &&
    row.app.status === 'active';
  if (!row || !usable) {
    await recordAudit(services.db, {
      actor: row ? { type: 'partner-app', id: row.app.id } : { type: 'anonymous' },
      action: 'api-key.use',
      resource: { type: 'partner-api-key', id: row?.key.id ?? null },
      purpose: 'API authentication',
      outcome: 'denied',
      requestId,
      detail: { reason: !row ? 'unknown-key' : !hashOk ? 'wrong-secret' : 'revoked-expired-or-disabled' },
    });
    throw invalidKey();
  }
  const retryAfter = overRateLimit(row.key.id, now);
  if (retryAfter !== undefined) {
    throw new AppError(
      'rate-limited',
      429,
      {
        en: `This API key made more than ${PARTNER_KEY_RATE_PER_MINUTE} requests this minute.`,
        ja: `この API キーのリクエストが1分あたり ${PARTNER_KEY_RATE_PER_MINUTE} 件を超えました。`,
      },
      [],
      { 'retry-after': String(retryAfter) },
    );
  }
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > 60_000) {
    await services.db.update(partnerApiKeys).set({ lastUsedAt: now }).where(eq(partnerApiKeys.id, row.key.id));
  }
  return { type: 'partner-app', id: row.app.id, scopes: row.app.scopes, sessionId: row.key.id };
}
