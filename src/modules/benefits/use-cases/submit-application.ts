import { createHash } from 'node:crypto';
import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AuditEntry } from '../../../platform/audit/record-audit.ts';
import { jsonRowsInsert } from '../../../platform/db/json-rows-insert.ts';
import { type ScopedTx, type TenantScope, withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { findMunicipality, municipalityCodeSchema } from '../../municipalities/index.ts';
import { auditInsert, recordAudits } from '../audit-batch.ts';
import { bankAccountSchema } from '../bank-account.schemas.ts';
import { childFactsSchema, fiscalYearSchema, toChildFacts } from '../benefits.schemas.ts';
import { benefitApplications, benefitClaimHistory, benefitClaims } from '../benefits.tables.ts';
import '../claim-events.ts';
import type { ClaimStatus } from '../claim-status.ts';
import { parseInput } from '../input-validation.ts';
import { fiscalYearOf } from '../rules/civil-date.ts';
import { evaluateBenefits } from '../rules/evaluate-benefits.ts';
import { type BenefitEvaluation, CLAIMABLE_BENEFITS, type ClaimableBenefit, type Reason } from '../rules/evaluation.ts';
import {
  type ClaimSummary,
  claimSummary,
  insertApplicationAndClaims,
  type NewClaim,
} from './insert-application-and-claims.ts';

export const submitApplicationSchema = z.object({
  /** The parent's municipality: the tenant that reviews and pays. */
  municipalityCode: municipalityCodeSchema.refine((code) => findMunicipality(code) !== undefined, {
    message: 'Not a municipality of Tokyo',
    params: { ja: '東京都の区市町村コードではありません' },
  }),
  /** Chosen by the client once per submission and reused on every retry of it. */
  idempotencyKey: z.string().min(16).max(100),
  fiscalYear: fiscalYearSchema,
  children: z
    .array(
      z.object({
        childId: z.string().min(1).max(100),
        facts: childFactsSchema,
        benefits: z.array(z.enum(CLAIMABLE_BENEFITS)).min(1).optional(),
      }),
    )
    .min(1)
    .max(20)
    .superRefine((children, ctx) => {
      children.forEach((child, i) => {
        if (children.findIndex((c) => c.childId === child.childId) !== i) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'childId'],
            message: 'This child is already in the application',
            params: { ja: '同じお子さんが申請に重複しています' },
          });
        }
      });
    }),
  bankAccount: bankAccountSchema,
});
export type SubmitApplicationInput = z.input<typeof submitApplicationSchema>;
export type SubmitApplicationData = z.output<typeof submitApplicationSchema>;

export interface SubmittedClaim {
  childId: string;
  benefitCode: ClaimableBenefit;
  fiscalYear: number;
  /** True when this submission opened it; false when it already existed (retry, double tap, earlier application). */
  opened: boolean;
  /** Absent when the existing claim is another parent's (its details are not this parent's to see). */
  claim?: { id: string; status: ClaimStatus; months: string[]; amount: number };
}

export interface SubmitApplicationResult {
  applicationId: string;
  replayed: boolean;
  claims: SubmittedClaim[];
  notEligible: { childId: string; benefitCode: ClaimableBenefit; reasons: Reason[] }[];
}

/** Who submits, in which scope and transaction, with which signature: everything but the application itself. */
interface Submission<A> {
  parentId: string;
  /**
   * The parent's household (identity's id): the transaction runs in that household's tenant scope and the rows
   * carry it, so row-level security holds the parent to them. Without it (callers with opaque ids: the use-case
   * bench, tests) the scope is the application's municipality.
   */
  householdId?: string;
  requestId?: string | null;
  application: A;
  /** The card signature over the application document, verified by the caller before it gets here. */
  signature?: {
    document: string;
    digest: string;
    signature: string;
    certificateChain: string[];
    /** The signer's `signature.create` record, written with the application (also when it is a replay). */
    audit?: AuditEntry;
  };
  /**
   * The rules' answers the caller already computed for these children on the same facts and fiscal year (the
   * apply page evaluates the household to know what to offer), keyed by child id. Without them, or for a child
   * missing here, the rules run again.
   */
  evaluated?: ReadonlyMap<string, readonly BenefitEvaluation[]>;
  /**
   * A transaction the caller holds in the household's scope (`householdId` required): the submission runs in it
   * instead of its own, so the page's reads and the submission commit together (the parent's apply route).
   */
  tx?: ScopedTx;
}

/**
 * The once-only application: one submission opens one claim per benefit per eligible child (018サポート and, for a
 * newborn, 赤ちゃんファースト), in one transaction. Twice-submitted — a retry with the same idempotency key, a
 * double tap racing the first, or a second application for the same child — opens nothing twice: the unique keys
 * on the key and on (child, benefit, fiscal year) decide, and `on conflict do nothing` waits for the first.
 * The children's facts come from the caller until the identity module supplies the household register.
 */
export async function submitApplication(
  services: AppServices,
  input: Submission<SubmitApplicationInput>,
): Promise<SubmitApplicationResult> {
  return submitValidatedApplication(services, {
    ...input,
    application: parseInput(submitApplicationSchema, input.application),
  });
}

/**
 * `submitApplication` for a caller whose application is built from values already validated: the parent's apply
 * page (the account by the same schema, the children and their facts from the household identity keeps).
 */
export async function submitValidatedApplication(
  services: AppServices,
  input: Submission<SubmitApplicationData>,
): Promise<SubmitApplicationResult> {
  const app = input.application;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([input.parentId, app.municipalityCode, app.fiscalYear, app.children, app.bankAccount]))
    .digest('hex');

  // The claims to open, before the application's and household's columns are added.
  const wanted: Pick<NewClaim, 'childId' | 'benefitCode' | 'fiscalYear' | 'months' | 'amount' | 'evaluation'>[] = [];
  const notEligible: SubmitApplicationResult['notEligible'] = [];
  for (const child of app.children) {
    const facts = toChildFacts(child.facts);
    const requested = new Set<string>(child.benefits ?? CLAIMABLE_BENEFITS);
    const known = input.evaluated?.get(child.childId);
    const evaluations = known
      ? known.filter((e) => requested.has(e.code))
      : evaluateBenefits({ fiscalYear: app.fiscalYear, child: facts, only: [...requested] as ClaimableBenefit[] });
    for (const evaluation of evaluations) {
      const benefitCode = evaluation.code as ClaimableBenefit;
      if (!evaluation.eligible) {
        notEligible.push({ childId: child.childId, benefitCode, reasons: evaluation.reasons });
        continue;
      }
      wanted.push({
        childId: child.childId,
        benefitCode,
        // The gift is one per child, booked in its birth year; 018 is one claim per fiscal year.
        fiscalYear: benefitCode === 'akachan-first' ? fiscalYearOf(facts.birthDate) : app.fiscalYear,
        months: evaluation.months,
        amount: evaluation.amount,
        evaluation,
      });
    }
  }

  const actor = { type: 'parent' as const, id: input.parentId };
  const signatureAudit = input.signature?.audit ? [input.signature.audit] : [];
  const scope: TenantScope = input.householdId
    ? { kind: 'household', householdId: input.householdId }
    : { kind: 'municipality', municipalityCode: app.municipalityCode };
  const householdId = input.householdId ?? null;
  if (input.tx && !input.householdId) throw new Error('submitApplication: a caller transaction needs the household');
  const inScope = <T>(fn: (tx: ScopedTx) => Promise<T>) =>
    input.tx ? fn(input.tx) : withTenantScope(services.db, scope, fn);
  return inScope(async (tx) => {
    // The application and its claims in one statement (nothing is opened on a replay: the key decides).
    const { applicationId: insertedId, opened } = await insertApplicationAndClaims(
      tx,
      {
        municipalityCode: app.municipalityCode,
        parentId: input.parentId,
        householdId,
        idempotencyKey: app.idempotencyKey,
        requestFingerprint: fingerprint,
        fiscalYear: app.fiscalYear,
        accountSource: app.bankAccount.source,
        bankCode: app.bankAccount.bankCode,
        branchCode: app.bankAccount.branchCode,
        accountType: app.bankAccount.accountType,
        accountNumber: app.bankAccount.accountNumber,
        accountHolderKana: app.bankAccount.holderKana,
        submittedAt: services.now(),
        signedDocument: input.signature?.document ?? null,
        signedDigest: input.signature?.digest ?? null,
        signature: input.signature?.signature ?? null,
        signerCertificateChain: input.signature?.certificateChain ?? null,
      },
      wanted.map((w) => ({
        municipalityCode: app.municipalityCode,
        parentId: input.parentId,
        householdId,
        childId: w.childId,
        benefitCode: w.benefitCode,
        fiscalYear: w.fiscalYear,
        months: w.months,
        amount: w.amount,
        evaluation: w.evaluation,
        createdAt: services.now(),
      })),
    );

    let applicationId: string;
    let openedRows: ClaimSummary[] = [];
    const replayed = !insertedId;
    if (insertedId) {
      applicationId = insertedId;
      openedRows = opened;
      const created = [
        ...signatureAudit,
        ...opened.map((claim) => ({
          actor,
          action: 'benefit-claim.create',
          resource: { type: 'benefit-claim', id: claim.id },
          municipalityCode: claim.municipalityCode,
          purpose: 'benefit application',
          outcome: 'success' as const,
          requestId: input.requestId,
          detail: { benefitCode: claim.benefitCode, fiscalYear: claim.fiscalYear },
        })),
      ];
      if (opened.length) {
        const history = jsonRowsInsert(
          benefitClaimHistory,
          opened.map((c) => ({
            claimId: c.id,
            municipalityCode: c.municipalityCode,
            fromStatus: null,
            toStatus: 'received' as const,
            actorType: 'parent',
            actorId: input.parentId,
            occurredAt: services.now(),
          })),
        );
        // The timeline's first entries, their audit records and their status events in one statement, the events'
        // deliveries in a second: two round trips instead of 2 + 2 per claim.
        await services.events.publishWithWrites(
          tx,
          [history, auditInsert(created)],
          opened.map((claim) => ({
            type: 'claim.status-changed' as const,
            payload: {
              claimId: claim.id,
              parentId: claim.parentId,
              childId: claim.childId,
              benefitCode: claim.benefitCode,
              fiscalYear: claim.fiscalYear,
              from: null,
              to: 'received' as const,
              reason: null,
            },
            options: { municipalityCode: claim.municipalityCode, requestId: input.requestId },
          })),
        );
      } else {
        await recordAudits(tx, created);
      }
    } else {
      const [existing] = await tx
        .select({
          id: benefitApplications.id,
          parentId: benefitApplications.parentId,
          fingerprint: benefitApplications.requestFingerprint,
        })
        .from(benefitApplications)
        .where(eq(benefitApplications.idempotencyKey, app.idempotencyKey));
      if (!existing || existing.parentId !== input.parentId || existing.fingerprint !== fingerprint) {
        throw new AppError('idempotency-key-reused', 409, {
          en: 'This idempotency key was already used for a different submission.',
          ja: 'この再送キーは別の申請で使われています。',
        });
      }
      applicationId = existing.id;
    }

    // A fresh submission that opened every claim already holds them; otherwise read what exists.
    const rows =
      !replayed && openedRows.length === wanted.length
        ? openedRows
        : wanted.length
          ? await tx
              .select(claimSummary)
              .from(benefitClaims)
              .where(
                or(
                  ...wanted.map((w) =>
                    and(
                      eq(benefitClaims.childId, w.childId),
                      eq(benefitClaims.benefitCode, w.benefitCode),
                      eq(benefitClaims.fiscalYear, w.fiscalYear),
                    ),
                  ),
                ),
              )
              // A withdrawn claim may share the key with the live one that replaced it: the live one answers.
              .orderBy(sql`${benefitClaims.status} = 'withdrawn'`)
          : [];
    const claims: SubmittedClaim[] = wanted.map((w) => {
      const row = rows.find(
        (r) => r.childId === w.childId && r.benefitCode === w.benefitCode && r.fiscalYear === w.fiscalYear,
      );
      const base = { childId: w.childId, benefitCode: w.benefitCode, fiscalYear: w.fiscalYear };
      // Opened before, by a household this scope does not see (row-level security hides it): not this parent's to
      // read, and not opened again.
      if (!row) return { ...base, opened: false };
      const opened = row.applicationId === applicationId;
      if (row.parentId !== input.parentId) return { ...base, opened };
      return {
        ...base,
        opened,
        claim: { id: row.id, status: row.status, months: row.months, amount: row.amount },
      };
    });
    // Claims shown back that this submission did not write are reads of benefit records.
    const readBack = rows.filter(
      (r) => r.parentId === input.parentId && (replayed || r.applicationId !== applicationId),
    );
    await recordAudits(tx, [
      ...(replayed ? signatureAudit : []),
      ...readBack.map((row) => ({
        actor,
        action: 'benefit-claim.read',
        resource: { type: 'benefit-claim', id: row.id },
        municipalityCode: row.municipalityCode,
        purpose: replayed ? 'repeated submission answered from the first' : 'application found an open claim',
        outcome: 'success' as const,
        requestId: input.requestId,
      })),
    ]);
    return { applicationId, replayed, claims, notEligible };
  });
}
