import { and, desc, eq, isNull } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { DbOrTx } from '../../../platform/db/database.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest, notFound } from '../../../platform/http/app-error.ts';
import { CHANNELS, CLINIC_SHARING_TARGET, type ConsentView } from '../consent.schemas.ts';
import { notAParent } from '../household-errors.ts';
import { type ConsentKind, consents } from '../tables/household.tables.ts';
import { partnerApps } from '../tables/staff.tables.ts';
import type { UseCaseContext } from './use-case-context.ts';

type ConsentRow = typeof consents.$inferSelect;

function requireParent(ctx: UseCaseContext) {
  const { actor } = ctx;
  if (actor.type !== 'parent' || !actor.id || !actor.householdId || !actor.municipalityCode) throw notAParent();
  return { parentId: actor.id, householdId: actor.householdId, municipalityCode: actor.municipalityCode };
}

async function partnerAppNames(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db.select({ id: partnerApps.id, name: partnerApps.name }).from(partnerApps);
  return new Map(rows.map((row) => [row.id, row.name]));
}

function toView(row: ConsentRow, appNames: Map<string, string>): ConsentView {
  return {
    id: row.id,
    kind: row.kind,
    target: row.target,
    targetName: row.kind === 'partner-app' ? (appNames.get(row.target) ?? row.target) : row.target,
    grantedAt: row.grantedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The parent's consents, current ones first, then the withdrawn ones (the record of when consent existed). */
export async function listConsents(ctx: UseCaseContext): Promise<ConsentView[]> {
  const { services, actor, requestId } = ctx;
  const { parentId, householdId } = requireParent(ctx);
  const scope = await authorize({ db: services.db, requestId }, actor, 'consent.read', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const rows = await tx
      .select()
      .from(consents)
      .where(eq(consents.parentId, parentId))
      .orderBy(desc(consents.grantedAt));
    const names = await partnerAppNames(tx);
    return rows
      .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null))
      .map((row) => toView(row, names));
  });
}

/** Gives a consent; giving one that is already in force changes nothing. */
export async function grantConsent(
  ctx: UseCaseContext,
  input: { kind: ConsentKind; target: string },
): Promise<ConsentView> {
  const { services, actor, requestId } = ctx;
  const { parentId, householdId, municipalityCode } = requireParent(ctx);
  const appNames = await partnerAppNames(services.db);
  const validTarget =
    input.kind === 'channel'
      ? (CHANNELS as readonly string[]).includes(input.target)
      : input.kind === 'clinic-sharing'
        ? input.target === CLINIC_SHARING_TARGET
        : appNames.has(input.target);
  if (!validTarget) {
    throw badRequest('unknown-consent-target', 'body.target', {
      en: `Nothing called “${input.target}” can be consented to as ${input.kind}.`,
      ja: `「${input.target}」は同意の対象として選べません。`,
    });
  }
  const scope = await authorize({ db: services.db, requestId }, actor, 'consent.manage', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const [existing] = await tx
      .select()
      .from(consents)
      .where(
        and(
          eq(consents.parentId, parentId),
          eq(consents.kind, input.kind),
          eq(consents.target, input.target),
          isNull(consents.revokedAt),
        ),
      );
    if (existing) return toView(existing, appNames);
    const [row] = await tx
      .insert(consents)
      .values({
        householdId,
        municipalityCode,
        parentId,
        kind: input.kind,
        target: input.target,
        grantedAt: services.now(),
      })
      .returning();
    await recordAudit(tx, {
      actor,
      action: 'consent.grant',
      resource: { type: 'consent', id: row!.id },
      municipalityCode,
      purpose: 'parent gives consent',
      outcome: 'success',
      requestId,
      detail: { kind: input.kind, target: input.target },
    });
    return toView(row!, appNames);
  });
}

export async function revokeConsent(ctx: UseCaseContext, input: { consentId: string }): Promise<ConsentView> {
  const { services, actor, requestId } = ctx;
  const { parentId, householdId, municipalityCode } = requireParent(ctx);
  const scope = await authorize({ db: services.db, requestId }, actor, 'consent.manage', { householdId });
  return withTenantScope(services.db, scope, async (tx) => {
    const [row] = await tx
      .update(consents)
      .set({ revokedAt: services.now() })
      .where(and(eq(consents.id, input.consentId), eq(consents.parentId, parentId), isNull(consents.revokedAt)))
      .returning();
    if (!row) throw notFound({ en: 'No such consent in force.', ja: '該当する同意はありません。' });
    await recordAudit(tx, {
      actor,
      action: 'consent.revoke',
      resource: { type: 'consent', id: row.id },
      municipalityCode,
      purpose: 'parent withdraws consent',
      outcome: 'success',
      requestId,
      detail: { kind: row.kind, target: row.target },
    });
    return toView(row, await partnerAppNames(tx));
  });
}

/** For other modules (through index.ts): is this consent in force right now? System path, no personal data out. */
export async function hasConsent(
  db: DbOrTx,
  input: { parentId: string; kind: ConsentKind; target: string },
): Promise<boolean> {
  const [row] = await db
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.parentId, input.parentId),
        eq(consents.kind, input.kind),
        eq(consents.target, input.target),
        isNull(consents.revokedAt),
      ),
    );
  return Boolean(row);
}

/** What a parent can consent to: the channels, sharing with clinics, and every active partner app. */
export async function listConsentTargets(db: DbOrTx): Promise<{ kind: ConsentKind; target: string; name: string }[]> {
  const apps = await db
    .select({ id: partnerApps.id, name: partnerApps.name })
    .from(partnerApps)
    .where(eq(partnerApps.status, 'active'));
  return [
    ...CHANNELS.map((target) => ({ kind: 'channel' as const, target, name: target })),
    { kind: 'clinic-sharing' as const, target: CLINIC_SHARING_TARGET, name: CLINIC_SHARING_TARGET },
    ...apps.map((app) => ({ kind: 'partner-app' as const, target: app.id, name: app.name })),
  ];
}
