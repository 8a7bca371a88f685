import { and, eq, sql } from 'drizzle-orm';
import { APP_ROLE, type ScopedTx } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { consentCodes, prenatalConsentCodes } from './clinic.tables.ts';
import {
  authorizeClinic,
  type ClinicRequest,
  type ConsentCodeRow,
  noEligibility,
  refusalAudit,
  VISIT_ACCESS_MS,
} from './clinic-access.ts';

export type PrenatalConsentCodeRow = typeof prenatalConsentCodes.$inferSelect;

/**
 * The scope a clinic redeems a consent code in: its institution and the code it presents — the id from a verified
 * signed token, or the typed short code (normalised). Nothing else: no municipality, no household, no visit.
 */
export interface ClinicRedemption {
  readonly kind: 'clinic-redemption';
  readonly institutionCode: string;
  readonly codeId: string | null;
  readonly shortCode: string | null;
}

/**
 * The settings of a redemption transaction, in order. The `clinic_redeem` policies of the
 * health-clinic-redemption-scope migration then let it see only the presented code (unused, or redeemed by this
 * institution), the links and subsidy recipients of the child an unused presented code names, and update only that
 * code, only to mark it used by this institution. (The child eligibility check does not use this scope: it goes
 * through the health_check_eligibility function, whose body applies the same rule to a batch of codes.)
 */
export function clinicRedemptionSettings(scope: ClinicRedemption): [setting: string, value: string][] {
  return [
    ['tsunagu.municipality_code', ''],
    ['tsunagu.household_id', ''],
    ['tsunagu.clinic_visit', ''],
    ['tsunagu.clinic_institution', scope.institutionCode],
    ['tsunagu.clinic_code_id', scope.codeId ?? ''],
    ['tsunagu.clinic_short_code', scope.shortCode ?? ''],
  ];
}

/** A drizzle transaction in the redemption scope (pregnancy codes, and the RLS tests of child codes). */
export async function withClinicRedemptionScope<T>(
  services: AppServices,
  scope: ClinicRedemption,
  fn: (tx: ScopedTx) => Promise<T>,
): Promise<T> {
  const settings = clinicRedemptionSettings(scope).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  return services.db.transaction(async (tx) => {
    // One round trip, as withTenantScope: set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(sql`select set_config('role', ${APP_ROLE}, true), ${sql.join(settings, sql`, `)}`);
    return fn(tx as unknown as ScopedTx);
  });
}

/**
 * The clinic's own tenant scope. A clinic is not a tenant: it serves patients from anywhere in Tokyo, so it must not
 * run in the Tokyo-wide scope `all` either. Here the municipality and household settings are empty (the tenant
 * policies of 0008/health-rls match nothing) and two settings name the clinic and the visit; the `clinic_visit`
 * policies of the health-clinic-scope migration then let the transaction see only
 * - the redeemed consent code of that visit, if this institution redeemed it,
 * - the child or pregnancy that code names (links, recipients, 予診票, records, check-up results),
 * - records and check-up results this institution recorded itself,
 * and insert records only for the visit's subject under its own institution code. The two-hour window after the
 * check is applied here (the service clock), not in the policy, so tests with a fixed clock see the same rule.
 * Exported for the RLS tests (hand-written queries in this scope); use cases go through withChildVisit/withPrenatalVisit.
 */
export async function withClinicScope<T>(
  services: AppServices,
  clinic: { institutionCode: string; visitId: string },
  fn: (tx: ScopedTx) => Promise<T>,
): Promise<T> {
  return services.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${APP_ROLE}`));
    await tx.execute(
      sql`select set_config('tsunagu.municipality_code', '', true), set_config('tsunagu.household_id', '', true),
        set_config('tsunagu.clinic_institution', ${clinic.institutionCode}, true),
        set_config('tsunagu.clinic_visit', ${clinic.visitId}, true)`,
    );
    return fn(tx as unknown as ScopedTx);
  });
}

async function withClinicVisitOf<V, T>(
  req: ClinicRequest,
  visitId: string,
  find: (tx: ScopedTx, since: Date) => Promise<V | undefined>,
  fn: (tx: ScopedTx, visit: V, institutionCode: string) => Promise<T>,
): Promise<T> {
  const { institutionCode } = await authorizeClinic(req, undefined);
  const since = new Date(req.services.now().getTime() - VISIT_ACCESS_MS);
  const result = await withClinicScope(req.services, { institutionCode, visitId }, async (tx) => {
    const visit = await find(tx, since);
    return visit ? { value: await fn(tx, visit, institutionCode) } : undefined;
  });
  if (result) return result.value;
  await refusalAudit(req, 'health-visit.read', institutionCode);
  throw noEligibility();
}

/** A child's visit (code redeemed by this clinic in the last two hours), run in the clinic's narrow scope. */
export function withChildVisit<T>(
  req: ClinicRequest,
  visitId: string,
  fn: (tx: ScopedTx, visit: ConsentCodeRow, institutionCode: string) => Promise<T>,
): Promise<T> {
  return withClinicVisitOf(
    req,
    visitId,
    async (tx, since) => {
      // RLS already limits this to the visit's own row of this institution; the filter says the same in the query.
      const [row] = await tx
        .select()
        .from(consentCodes)
        .where(and(eq(consentCodes.id, visitId), sql`${consentCodes.usedAt} > ${since}`));
      return row;
    },
    fn,
  );
}

/** A 妊婦健診 visit (pregnancy code redeemed by this clinic in the last two hours), in the clinic's narrow scope. */
export function withPrenatalVisit<T>(
  req: ClinicRequest,
  visitId: string,
  fn: (tx: ScopedTx, visit: PrenatalConsentCodeRow, institutionCode: string) => Promise<T>,
): Promise<T> {
  return withClinicVisitOf(
    req,
    visitId,
    async (tx, since) => {
      const [row] = await tx
        .select()
        .from(prenatalConsentCodes)
        .where(and(eq(prenatalConsentCodes.id, visitId), sql`${prenatalConsentCodes.usedAt} > ${since}`));
      return row;
    },
    fn,
  );
}
