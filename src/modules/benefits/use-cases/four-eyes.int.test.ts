import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { applicationFor, newParentId } from '../testing/benefit-factories.ts';
import { changeClaimStatus } from './change-claim-status.ts';
import { bulkApproveClaims, startClaimReviews } from './review-claims-in-bulk.ts';
import { submitApplication } from './submit-application.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2025-06-01T00:00:00Z') });
});
afterAll(() => t?.close());

const staff = (staffId: string, role: 'benefits-clerk' | 'benefits-approver'): BenefitsActor => ({
  kind: 'staff',
  staffId,
  role,
  municipalityCode: '131199',
});

async function claimsUnderReviewBy(reviewer: BenefitsActor, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const result = await submitApplication(t.services, {
      parentId: newParentId(),
      application: applicationFor({ birthDate: '2018-06-15' }),
    });
    ids.push(...result.claims.map((c) => c.claim!.id));
  }
  await startClaimReviews(t.services, { actor: reviewer, claimIds: ids });
  return ids;
}

describe('four eyes: the reviewer of a claim does not decide it', () => {
  it('skips, in a bulk approval, the claims the approver reviewed, and another approver approves them', async () => {
    // An account holding both roles reviews two claims; a clerk reviews a third.
    const both = staff('both-1', 'benefits-approver');
    const mine = await claimsUnderReviewBy(both, 2);
    const [theirs] = await claimsUnderReviewBy(staff('clerk-1', 'benefits-clerk'), 1);

    const outcomes = await bulkApproveClaims(t.services, { actor: both, claimIds: [...mine, theirs!] });
    const skipped = outcomes.filter((o) => o.outcome === 'skipped' && o.check === 'reviewed-by-you');
    expect(skipped.map((o) => o.claimId).sort()).toEqual([...mine].sort());
    expect(outcomes.find((o) => o.claimId === theirs)).toMatchObject({ outcome: 'done' });

    const second = await bulkApproveClaims(t.services, { actor: staff('appr-2', 'benefits-approver'), claimIds: mine });
    expect(second.every((o) => o.outcome === 'done')).toBe(true);
    const history = await t.services.db.execute<{ to_status: string; actor_id: string }>(
      sql`select to_status, actor_id from benefit_claim_history where claim_id = ${mine[0]!} order by id`,
    );
    expect(history.rows).toEqual([
      { to_status: 'received', actor_id: expect.any(String) },
      { to_status: 'under-review', actor_id: 'both-1' },
      { to_status: 'approved', actor_id: 'appr-2' },
    ]);
  });

  it('refuses a refusal by the claim’s own reviewer too (403, nothing changed), also after a fix request', async () => {
    const both = staff('both-2', 'benefits-approver');
    const [claimId] = await claimsUnderReviewBy(staff('clerk-2', 'benefits-clerk'), 1);
    // This approver asks for a fix: that makes them a reviewer of the claim.
    await changeClaimStatus(t.services, { actor: both, claimId: claimId!, to: 'needs-fix', reason: '記載を確認' });
    await expect(
      changeClaimStatus(t.services, { actor: both, claimId: claimId!, to: 'rejected', reason: '対象外' }),
    ).rejects.toMatchObject({ status: 403, code: 'four-eyes' });
    const [row] = (
      await t.services.db.execute<{ status: string }>(sql`select status from benefit_claims where id = ${claimId!}`)
    ).rows;
    expect(row!.status).toBe('needs-fix');
    await changeClaimStatus(t.services, {
      actor: staff('appr-3', 'benefits-approver'),
      claimId: claimId!,
      to: 'rejected',
      reason: '対象外',
    });
  });
});
