import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { applicationFor, householdOf, newChildId, newParentId, parentOf } from '../testing/benefit-factories.ts';
import { changeClaimStatus } from './change-claim-status.ts';
import { getClaimDetail } from './get-claim-detail.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';
import { getGiftDispatchTimeline } from './get-gift-dispatch-timeline.ts';
import { listClaimCorrections } from './list-claim-corrections.ts';
import { listParentClaims } from './list-parent-claims.ts';
import { listReviewQueue } from './list-review-queue.ts';
import { startClaimReviews } from './review-claims-in-bulk.ts';
import { submitApplication } from './submit-application.ts';

// The use cases run in the actor's tenant scope (benefits-scope.ts): row-level security underneath the code's own
// municipality and parent filters. And a withdrawn claim no longer blocks a new application for the same year.
let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2025-06-20T01:00:00Z') });
});
afterAll(() => t?.close());

const ITABASHI = '131199';
const SETAGAYA = '131121';
const staff = (role: 'benefits-clerk' | 'benefits-approver', municipalityCode: string, id = role) =>
  ({ kind: 'staff', staffId: `${id}-${municipalityCode}`, role, municipalityCode }) as BenefitsActor;

async function apply(parentId: string, childId = newChildId(), municipalityCode = ITABASHI) {
  return submitApplication(t.services, {
    parentId,
    householdId: householdOf(parentId),
    application: applicationFor({ childId, birthDate: '2021-01-15', municipalityCode }),
  });
}

const deniedAudits = async (claimId: string) =>
  (
    await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where resource_id = ${claimId} and outcome = 'denied'`,
    )
  ).rows[0]!.n;

describe('benefits use cases in the tenant scope', () => {
  it('gives staff of another municipality a 404 for a claim, through every use case, and audits the refusals', async () => {
    const parentId = newParentId();
    const claimId = (await apply(parentId)).claims[0]!.claim!.id;
    const setagayaClerk = staff('benefits-clerk', SETAGAYA);
    const notFound = { status: 404, code: 'not-found' };

    await expect(getClaimTimeline(t.services, { actor: setagayaClerk, claimId })).rejects.toMatchObject(notFound);
    await expect(getClaimDetail(t.services, { actor: setagayaClerk, claimId })).rejects.toMatchObject(notFound);
    await expect(listClaimCorrections(t.services, { actor: setagayaClerk, claimId })).rejects.toMatchObject(notFound);
    await expect(getGiftDispatchTimeline(t.services, { actor: setagayaClerk, claimId })).rejects.toMatchObject(
      notFound,
    );
    await expect(
      changeClaimStatus(t.services, { actor: setagayaClerk, claimId, to: 'under-review' }),
    ).rejects.toMatchObject(notFound);
    await expect(startClaimReviews(t.services, { actor: setagayaClerk, claimIds: [claimId] })).rejects.toMatchObject(
      notFound,
    );
    const queue = await listReviewQueue(t.services, { actor: setagayaClerk, query: { limit: 200 } });
    expect(queue.items.map((i) => i.id)).not.toContain(claimId);
    // The refusals were written outside the scoped transaction the 404 rolled back.
    expect(await deniedAudits(claimId)).toBe(5);

    // The claim's own municipality and Tokyo-wide staff reach it; the claim is unchanged by the refused moves.
    const own = await getClaimDetail(t.services, { actor: staff('benefits-clerk', ITABASHI), claimId });
    expect(own.claim.status).toBe('received');
    expect(own.account).toContain('0009-123');
    const tokyo = await getClaimTimeline(t.services, { actor: staff('benefits-clerk', '130001'), claimId });
    expect(tokyo.claim.id).toBe(claimId);
  });

  it('holds a parent to their household underneath the parent filter', async () => {
    const parentId = newParentId();
    const claimId = (await apply(parentId)).claims[0]!.claim!.id;
    expect((await getClaimTimeline(t.services, { actor: parentOf(parentId), claimId })).claim.id).toBe(claimId);
    // The right parent id in another household's scope: the code's parent check would pass, row-level security
    // hides the claim, so it is not found.
    const elsewhere: BenefitsActor = { kind: 'parent', parentId, householdId: randomUUID() };
    await expect(getClaimTimeline(t.services, { actor: elsewhere, claimId })).rejects.toMatchObject({ status: 404 });
    await expect(changeClaimStatus(t.services, { actor: elsewhere, claimId, to: 'withdrawn' })).rejects.toMatchObject({
      status: 404,
    });
    expect(await listParentClaims(t.services, { parentId, householdId: randomUUID() })).toEqual([]);
  });
});

describe('applying again after a withdrawal', () => {
  it('opens a new claim for the same child, benefit and year once the first is withdrawn', async () => {
    const parentId = newParentId();
    const childId = newChildId();
    const first = await apply(parentId, childId);
    const firstId = first.claims[0]!.claim!.id;
    expect(first.claims.map((c) => c.opened)).toEqual([true]);

    // Without a withdrawal a second application opens nothing and answers with the live claim.
    const twice = await apply(parentId, childId);
    expect(twice.claims).toEqual([
      expect.objectContaining({ opened: false, claim: expect.objectContaining({ id: firstId }) }),
    ]);

    await changeClaimStatus(t.services, { actor: parentOf(parentId), claimId: firstId, to: 'withdrawn' });
    const again = await apply(parentId, childId);
    const secondId = again.claims[0]!.claim!.id;
    expect(again.claims[0]!.opened).toBe(true);
    expect(secondId).not.toBe(firstId);
    expect(again.claims[0]!.claim!.status).toBe('received');

    // Still never two live claims: a third application opens nothing and points at the new one.
    const third = await apply(parentId, childId);
    expect(third.claims).toEqual([
      expect.objectContaining({ opened: false, claim: expect.objectContaining({ id: secondId }) }),
    ]);
    const mine = await listParentClaims(t.services, { parentId, householdId: householdOf(parentId) });
    expect(mine.map((c) => [c.id, c.status])).toEqual([
      [firstId, 'withdrawn'],
      [secondId, 'received'],
    ]);
  });

  it('lets the database itself refuse a second live claim for the key', async () => {
    const parentId = newParentId();
    const childId = newChildId();
    const first = (await apply(parentId, childId)).claims[0]!.claim!.id;
    const copy = t.services.db.execute(sql`insert into benefit_claims (municipality_code, application_id, parent_id,
      household_id, child_id, benefit_code, fiscal_year, months, amount, evaluation)
      select municipality_code, application_id, parent_id, household_id, child_id, benefit_code, fiscal_year, months,
        amount, evaluation from benefit_claims where id = ${first}`);
    const error = await copy.catch((e: unknown) => e as { cause?: { code?: string }; code?: string });
    expect((error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code).toBe('23505');
  });
});
