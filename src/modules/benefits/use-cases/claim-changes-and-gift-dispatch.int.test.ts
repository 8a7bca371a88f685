import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { applicationFor, householdOf, newParentId, parentOf } from '../testing/benefit-factories.ts';
import { advanceGiftDispatches } from './advance-gift-dispatches.ts';
import { changeClaimStatus } from './change-claim-status.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';
import { getGiftDispatchTimeline } from './get-gift-dispatch-timeline.ts';
import { listClaimCorrections } from './list-claim-corrections.ts';
import { listGiftDispatches } from './list-gift-dispatches.ts';
import { resubmitClaim } from './resubmit-claim.ts';
import { bulkApproveClaims, startClaimReviews } from './review-claims-in-bulk.ts';
import { submitApplication } from './submit-application.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2025-06-20T01:00:00Z') });
});
afterAll(() => t?.close());

const ITABASHI = '131199';
const SETAGAYA = '131121';
const staff = (role: 'benefits-clerk' | 'benefits-approver' | 'benefits-treasury', municipalityCode = ITABASHI) =>
  ({ kind: 'staff', staffId: `${role}-${municipalityCode}`, role, municipalityCode }) as BenefitsActor;
const clerk = staff('benefits-clerk');
const approver = staff('benefits-approver');
const treasury = staff('benefits-treasury');

async function newbornClaims(municipalityCode = ITABASHI) {
  const parentId = newParentId();
  const result = await submitApplication(t.services, {
    parentId,
    householdId: householdOf(parentId),
    application: applicationFor({ birthDate: '2025-05-10', municipalityCode }),
  });
  const [support, gift] = result.claims.map((c) => c.claim!.id);
  return { parentId, parent: parentOf(parentId) as BenefitsActor, support: support!, gift: gift! };
}

const events = async (type: string, claimId: string) =>
  (
    await t.services.db.execute<{ to: string }>(
      sql`select payload->>'to' as "to" from outbox_events where type = ${type} and payload->>'claimId' = ${claimId} order by id`,
    )
  ).rows.map((r) => r.to);

describe('a parent answers a fix request or withdraws', () => {
  it('resubmits with a corrected account: the account changes, the correction is kept, notify is told', async () => {
    const { parent, parentId, support } = await newbornClaims();
    await startClaimReviews(t.services, { actor: clerk, claimIds: [support] });
    await changeClaimStatus(t.services, {
      actor: clerk,
      claimId: support,
      to: 'needs-fix',
      reason: '口座名義が違います',
    });

    // Nothing corrected and nothing said: refused, naming the field, and the claim stays 要修正.
    await expect(resubmitClaim(t.services, { actor: parent, claimId: support, note: '  ' })).rejects.toMatchObject({
      status: 400,
      code: 'nothing-corrected',
    });
    // Another parent cannot see it; staff cannot resubmit for the parent.
    await expect(
      resubmitClaim(t.services, { actor: parentOf(newParentId()), claimId: support, note: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(resubmitClaim(t.services, { actor: clerk, claimId: support, note: 'x' })).rejects.toMatchObject({
      status: 403,
    });

    const corrected = {
      source: 'manual' as const,
      bankCode: '0001',
      branchCode: '456',
      accountType: '1' as const,
      accountNumber: '7654321',
      holderKana: 'ｲﾀﾊﾞｼ ﾊﾅｺ',
    };
    const result = await resubmitClaim(t.services, {
      actor: parent,
      claimId: support,
      account: corrected,
      note: '名義を直しました',
    });
    expect(result).toMatchObject({ status: 'resubmitted', accountChanged: true });

    const [application] = (
      await t.services.db.execute<{ bank_code: string; account_holder_kana: string }>(
        sql`select a.bank_code, a.account_holder_kana from benefit_applications a
            join benefit_claims c on c.application_id = a.id where c.id = ${support}`,
      )
    ).rows;
    expect(application).toEqual({ bank_code: '0001', account_holder_kana: 'ｲﾀﾊﾞｼ ﾊﾅｺ' });
    const corrections = await listClaimCorrections(t.services, { actor: clerk, claimId: support });
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      fixReason: '口座名義が違います',
      previousAccount: { bankCode: '0009', holderKana: 'ﾔﾏﾀﾞ ﾊﾅｺ' },
      newAccount: { bankCode: '0001', holderKana: 'ｲﾀﾊﾞｼ ﾊﾅｺ' },
      note: '名義を直しました',
    });
    const timeline = await getClaimTimeline(t.services, { actor: parent, claimId: support });
    expect(timeline.timeline.map((s) => s.status)).toEqual(['received', 'under-review', 'needs-fix', 'resubmitted']);
    expect(await events('claim.status-changed', support)).toEqual([
      'received',
      'under-review',
      'needs-fix',
      'resubmitted',
    ]);
    const audits = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int n from audit_events where action = 'benefit-application.update' and actor_id = ${parentId}`,
    );
    expect(audits.rows[0]!.n).toBe(1);

    // A second resubmission without a fix request is refused by the machine, and nothing is written.
    await expect(resubmitClaim(t.services, { actor: parent, claimId: support, note: 'again' })).rejects.toMatchObject({
      status: 409,
      code: 'invalid-transition',
    });
    expect(await listClaimCorrections(t.services, { actor: clerk, claimId: support })).toHaveLength(1);
  });

  it('withdraws a claim not yet decided, and cannot withdraw a decided one', async () => {
    const { parent, support, gift } = await newbornClaims();
    await changeClaimStatus(t.services, { actor: parent, claimId: support, to: 'withdrawn' });
    expect(await events('claim.status-changed', support)).toEqual(['received', 'withdrawn']);

    await startClaimReviews(t.services, { actor: clerk, claimIds: [gift] });
    await bulkApproveClaims(t.services, { actor: approver, claimIds: [gift] });
    await expect(
      changeClaimStatus(t.services, { actor: parent, claimId: gift, to: 'withdrawn' }),
    ).rejects.toMatchObject({ status: 409 });
  });
});

describe('赤ちゃんファースト gift card dispatch', () => {
  it('moves the decided cards of one municipality through 発送準備 → 発送済 → 受取済 and shows them to the parent', async () => {
    const first = await newbornClaims();
    const second = await newbornClaims();
    const undecided = await newbornClaims();
    const elsewhere = await newbornClaims(SETAGAYA);
    await startClaimReviews(t.services, { actor: clerk, claimIds: [first.gift, second.gift, undecided.gift] });
    await bulkApproveClaims(t.services, { actor: approver, claimIds: [first.gift, second.gift] });
    await startClaimReviews(t.services, { actor: staff('benefits-clerk', SETAGAYA), claimIds: [elsewhere.gift] });
    await bulkApproveClaims(t.services, { actor: staff('benefits-approver', SETAGAYA), claimIds: [elsewhere.gift] });

    const awaiting = await listGiftDispatches(t.services, { actor: clerk, query: { state: 'awaiting' } });
    const awaitingIds = awaiting.items.map((i) => i.claimId);
    expect(awaitingIds).toEqual(expect.arrayContaining([first.gift, second.gift]));
    expect(awaitingIds).not.toContain(undecided.gift); // not decided: no card
    expect(awaitingIds).not.toContain(elsewhere.gift); // another municipality
    expect(awaitingIds).not.toContain(first.support); // 018 is paid by transfer, not a card

    // Only the treasury records a dispatch, and only in its own municipality.
    await expect(
      advanceGiftDispatches(t.services, { actor: clerk, municipalityCode: ITABASHI, to: 'preparing' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      advanceGiftDispatches(t.services, { actor: treasury, municipalityCode: SETAGAYA, to: 'preparing' }),
    ).rejects.toMatchObject({ status: 403 });
    // A card cannot skip a step.
    const skipped = await advanceGiftDispatches(t.services, {
      actor: treasury,
      municipalityCode: ITABASHI,
      to: 'shipped',
      claimIds: [first.gift],
    });
    expect(skipped).toEqual([{ claimId: first.gift, outcome: 'skipped', check: 'wrong-status', status: 'awaiting' }]);

    // Bulk by municipality: every decided card of 板橋区 goes into the mailing run.
    const prepared = await advanceGiftDispatches(t.services, {
      actor: treasury,
      municipalityCode: ITABASHI,
      to: 'preparing',
    });
    expect(prepared.map((o) => o.claimId)).toEqual(expect.arrayContaining([first.gift, second.gift]));
    expect(prepared.every((o) => o.outcome === 'done')).toBe(true);
    // Run again: nothing left to prepare, nothing prepared twice.
    const again = await advanceGiftDispatches(t.services, {
      actor: treasury,
      municipalityCode: ITABASHI,
      to: 'preparing',
      claimIds: [first.gift, undecided.gift, elsewhere.gift],
    });
    expect(again).toEqual(
      expect.arrayContaining([
        { claimId: first.gift, outcome: 'skipped', check: 'wrong-status', status: 'preparing' },
        { claimId: undecided.gift, outcome: 'skipped', check: 'not-found' },
        { claimId: elsewhere.gift, outcome: 'skipped', check: 'not-found' },
      ]),
    );

    await advanceGiftDispatches(t.services, { actor: treasury, municipalityCode: ITABASHI, to: 'shipped' });
    await advanceGiftDispatches(t.services, {
      actor: treasury,
      municipalityCode: ITABASHI,
      to: 'registered',
      claimIds: [first.gift],
    });

    const firstView = await getGiftDispatchTimeline(t.services, { actor: first.parent, claimId: first.gift });
    expect(firstView?.status).toBe('registered');
    expect(firstView?.timeline.map((s) => s.label.ja)).toEqual([
      'ギフトカード発送準備',
      'ギフトカード発送済',
      'ギフト受取済（サイト登録・ポイント付与）',
    ]);
    const secondView = await getGiftDispatchTimeline(t.services, { actor: second.parent, claimId: second.gift });
    expect(secondView?.status).toBe('shipped');
    expect(secondView?.nextStep?.ja).toContain('専用サイトで登録');
    // 018 has no card; another parent gets a 404 (and a denied audit row).
    expect(await getGiftDispatchTimeline(t.services, { actor: first.parent, claimId: first.support })).toBeNull();
    await expect(
      getGiftDispatchTimeline(t.services, { actor: second.parent, claimId: first.gift }),
    ).rejects.toMatchObject({ status: 404 });

    expect(await events('gift-dispatch.status-changed', first.gift)).toEqual(['preparing', 'shipped', 'registered']);
    expect(await events('gift-dispatch.status-changed', second.gift)).toEqual(['preparing', 'shipped']);
    const shipped = await listGiftDispatches(t.services, { actor: clerk, query: { state: 'shipped' } });
    expect(shipped.items.map((i) => i.claimId)).toContain(second.gift);
    expect(shipped.items.map((i) => i.claimId)).not.toContain(first.gift);
  });
});
