import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { applicationFor, newParentId } from '../testing/benefit-factories.ts';
import { generatePaymentBatch } from './generate-payment-batch.ts';
import { bulkApproveClaims, startClaimReviews } from './review-claims-in-bulk.ts';
import { submitApplication } from './submit-application.ts';

let t: TestContext;
let clock = new Date('2025-06-01T00:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const staff = (staffId: string, role: 'benefits-clerk' | 'benefits-approver' | 'benefits-treasury'): BenefitsActor => ({
  kind: 'staff',
  staffId,
  role,
  municipalityCode: '131199',
});
const payer = {
  consignorCode: '0000131199',
  consignorName: 'ｲﾀﾊﾞｼｸ',
  bankCode: '0005',
  bankName: 'ﾐﾂﾋﾞｼUFJ',
  branchCode: '101',
  branchName: 'ｲﾀﾊﾞｼ',
  accountType: '1' as const,
  accountNumber: '7654321',
};

describe('payment batches under concurrency', () => {
  it('never puts a claim in two batches when two treasury staff generate the same instalment at once', async () => {
    const claimIds: string[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await submitApplication(t.services, {
        parentId: newParentId(),
        application: applicationFor({ birthDate: '2018-06-15', childId: `child-conc-${i}` }),
      });
      claimIds.push(...result.claims.map((c) => c.claim!.id));
    }
    const approver = staff('appr', 'benefits-approver');
    await startClaimReviews(t.services, { actor: staff('clerk', 'benefits-clerk'), claimIds });
    await bulkApproveClaims(t.services, { actor: approver, claimIds });

    clock = new Date('2025-07-20T00:00:00Z');
    const batch = { municipalityCode: '131199', fiscalYear: 2025, instalmentNo: 1, transferDate: '2025-08-08', payer };
    const results = await Promise.allSettled([
      generatePaymentBatch(t.services, { actor: staff('tres-a', 'benefits-treasury'), batch }),
      generatePaymentBatch(t.services, { actor: staff('tres-b', 'benefits-treasury'), batch }),
    ]);
    const made = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(made.map((r) => r.value.report.count).reduce((a, b) => a + b, 0)).toBe(6);
    for (const r of refused) expect(r.reason).toMatchObject({ code: 'nothing-to-pay' });
    const perClaim = await t.services.db.execute(
      sql`select count(*)::int n from benefit_payments group by claim_id having count(*) > 1`,
    );
    expect(perClaim.rows).toEqual([]);
    const lines = await t.services.db.execute(sql`select count(*)::int n from benefit_payments`);
    expect(lines.rows[0]).toEqual({ n: 6 });
  });
});
