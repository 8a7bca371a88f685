import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { consentCodes } from './clinic.tables.ts';

/** After reception redeems a code, the same clinic may keep working on that visit (record, FHIR reads) this long. */
export const VISIT_ACCESS_MS = 2 * 60 * 60 * 1000;

export type ConsentCodeRow = typeof consentCodes.$inferSelect;

/**
 * The one answer for every refusal — no consent, a forged, expired or used code, no eligibility — so a clinic can
 * never tell them apart (PMH returns no distinguishing reason either).
 */
export const noEligibility = () =>
  new AppError('no-eligibility-available', 404, {
    en: 'No eligibility information is available for this code. Ask the patient to open a new code.',
    ja: 'この番号で確認できる受給資格情報はありません。新しい番号を表示してもらってください。',
  });

export interface ClinicRequest {
  services: AppServices;
  actor: Actor;
  requestId?: string | null;
}

/** Clinic staff of this institution only; a body naming another institution is refused like another site. */
export async function authorizeClinic(req: ClinicRequest, institutionCode: string | undefined) {
  const { services, actor, requestId } = req;
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-record.read', {
    institutionCode: institutionCode ?? actor.institutionCode ?? null,
    resource: { type: 'health-eligibility' },
  });
  if (actor.type !== 'clinic-staff' || !actor.institutionCode) {
    throw new AppError('forbidden', 403, { en: 'Clinic staff only.', ja: '医療機関の職員のみ利用できます。' });
  }
  return { scope, institutionCode: actor.institutionCode };
}

/** A redeemed code this clinic may still work on (the visit), or undefined. */
export async function findVisit(
  services: AppServices,
  tx: ScopedTx,
  visitId: string,
  institutionCode: string,
): Promise<ConsentCodeRow | undefined> {
  const since = new Date(services.now().getTime() - VISIT_ACCESS_MS);
  const [row] = await tx
    .select()
    .from(consentCodes)
    .where(
      and(
        eq(consentCodes.id, visitId),
        eq(consentCodes.usedByInstitution, institutionCode),
        sql`${consentCodes.usedAt} > ${since}`,
      ),
    );
  return row;
}

/** Loads a visit for a follow-up request, or the same non-revealing refusal (audited). */
export async function withVisit<T>(
  req: ClinicRequest,
  visitId: string,
  fn: (tx: ScopedTx, visit: ConsentCodeRow, institutionCode: string) => Promise<T>,
): Promise<T> {
  const { scope, institutionCode } = await authorizeClinic(req, undefined);
  const result = await withTenantScope(req.services.db, scope, async (tx) => {
    const visit = await findVisit(req.services, tx, visitId, institutionCode);
    return visit ? { value: await fn(tx, visit, institutionCode) } : undefined;
  });
  if (result) return result.value;
  await refusalAudit(req, 'health-visit.read', institutionCode);
  throw noEligibility();
}

export async function refusalAudit(req: ClinicRequest, action: string, institutionCode: string) {
  await recordAudit(req.services.db, {
    actor: req.actor,
    action,
    resource: { type: 'consent-code' },
    purpose: 'clinic check without a valid consent code',
    outcome: 'denied',
    requestId: req.requestId ?? null,
    detail: { institutionCode },
  });
}

/** The audit of a clinic's look at a child: on the child, so it shows in the parent's 「このデータを見た人」. */
export async function auditChildAccess(
  tx: ScopedTx,
  req: ClinicRequest,
  visit: ConsentCodeRow,
  action: string,
  purpose: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(tx, {
    actor: req.actor,
    action,
    resource: { type: 'child', id: visit.childId },
    municipalityCode: visit.municipalityCode,
    purpose,
    outcome: 'success',
    requestId: req.requestId ?? null,
    detail,
  });
}
