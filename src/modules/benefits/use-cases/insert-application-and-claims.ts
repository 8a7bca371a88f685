import { sql } from 'drizzle-orm';
import { executePrepared } from '../../../platform/db/execute-prepared.ts';
import { jsonRowsInsert } from '../../../platform/db/json-rows-insert.ts';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { benefitApplications, benefitClaims } from '../benefits.tables.ts';
import type { ClaimStatus } from '../claim-status.ts';
import type { ClaimableBenefit } from '../rules/evaluation.ts';

/** A claim to open with the application (its application id comes from the application's own INSERT). */
export interface NewClaim {
  municipalityCode: string;
  parentId: string;
  householdId: string | null;
  childId: string;
  benefitCode: ClaimableBenefit;
  fiscalYear: number;
  months: string[];
  amount: number;
  evaluation: unknown;
  createdAt: Date;
}

/** What the submission needs of a claim; the stored evaluation (the large part of the row) is not read back. */
export const claimSummary = {
  id: benefitClaims.id,
  applicationId: benefitClaims.applicationId,
  municipalityCode: benefitClaims.municipalityCode,
  parentId: benefitClaims.parentId,
  childId: benefitClaims.childId,
  benefitCode: benefitClaims.benefitCode,
  fiscalYear: benefitClaims.fiscalYear,
  status: benefitClaims.status,
  months: benefitClaims.months,
  amount: benefitClaims.amount,
};
export type ClaimSummary = { [K in keyof typeof claimSummary]: (typeof claimSummary)[K]['_']['data'] };

interface OpenedRow {
  id: string;
  application_id: string;
  municipality_code: string;
  parent_id: string;
  child_id: string;
  benefit_code: ClaimableBenefit;
  fiscal_year: number;
  status: ClaimStatus;
  months: string[];
  amount: number;
}

/**
 * The application row and its claims in ONE statement. The claims are inserted from the application INSERT's
 * RETURNING (a CTE), so a replay — the idempotency key already taken, nothing returned — inserts no claim, and a
 * claim whose (child, benefit, fiscal year) is already open is skipped by the same ON CONFLICT as before (the
 * partial unique index). The claims travel as one JSON parameter (jsonb_to_recordset): one round trip instead of
 * two, and no query building per claim column. Returns the new application's id (undefined on a replay) and the
 * claims this statement opened.
 */
export async function insertApplicationAndClaims(
  tx: ScopedTx,
  application: typeof benefitApplications.$inferInsert,
  claims: readonly NewClaim[],
): Promise<{ applicationId: string | undefined; opened: ClaimSummary[] }> {
  const rows = claims.map((c) => ({
    municipality_code: c.municipalityCode,
    parent_id: c.parentId,
    household_id: c.householdId,
    child_id: c.childId,
    benefit_code: c.benefitCode,
    fiscal_year: c.fiscalYear,
    months: c.months,
    amount: c.amount,
    evaluation: c.evaluation,
    created_at: c.createdAt.toISOString(),
  }));
  // Prepared (plan kept per connection): its text does not change with the number of claims.
  const result = await executePrepared<{ application_id: string | null; opened: OpenedRow[] }>(
    tx,
    sql`
    with application as (
      ${jsonRowsInsert(benefitApplications, [application])} on conflict (idempotency_key) do nothing returning id
    ),
    opened as (
      insert into benefit_claims (municipality_code, application_id, parent_id, household_id, child_id, benefit_code,
        fiscal_year, months, amount, evaluation, created_at, updated_at)
      select c.municipality_code, application.id, c.parent_id, c.household_id, c.child_id, c.benefit_code,
        c.fiscal_year, c.months, c.amount, c.evaluation, c.created_at, c.created_at
      from application, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(municipality_code text,
        parent_id text, household_id uuid, child_id text, benefit_code text, fiscal_year integer, months jsonb,
        amount integer, evaluation jsonb, created_at timestamptz)
      on conflict (child_id, benefit_code, fiscal_year) where status <> 'withdrawn' do nothing
      returning id, application_id, municipality_code, parent_id, child_id, benefit_code, fiscal_year, status, months,
        amount
    )
    select (select id from application) as application_id,
      (select coalesce(jsonb_agg(to_jsonb(opened)), '[]'::jsonb) from opened) as opened`,
  );
  const row = result.rows[0];
  return {
    applicationId: row?.application_id ?? undefined,
    opened: (row?.opened ?? []).map((c) => ({
      id: c.id,
      applicationId: c.application_id,
      municipalityCode: c.municipality_code,
      parentId: c.parent_id,
      childId: c.child_id,
      benefitCode: c.benefit_code,
      fiscalYear: c.fiscal_year,
      status: c.status,
      months: c.months,
      amount: c.amount,
    })),
  };
}
