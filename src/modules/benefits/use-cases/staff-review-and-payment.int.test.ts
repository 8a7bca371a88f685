import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import type { BenefitsActor } from '../benefits-actor.ts';
import { parseTransferFile } from '../payments/zengin-transfer-file.ts';
import { applicationFor, householdOf, newParentId, parentOf } from '../testing/benefit-factories.ts';
import { changeClaimStatus } from './change-claim-status.ts';
import { generatePaymentBatch, type PaymentBatchInput } from './generate-payment-batch.ts';
import { getClaimTimeline } from './get-claim-timeline.ts';
import { listReviewQueue } from './list-review-queue.ts';
import { recordPaymentResults } from './record-payment-results.ts';
import { bulkApproveClaims, startClaimReviews } from './review-claims-in-bulk.ts';
import { submitApplication } from './submit-application.ts';

let t: TestContext;
let clock = new Date('2025-06-20T01:00:00Z');
beforeAll(async () => {
  t = await createTestApp({ now: () => clock });
});
afterAll(() => t?.close());

const ITABASHI = '131199';
const SETAGAYA = '131121';
const clerk: BenefitsActor = { kind: 'staff', staffId: 'clerk-1', role: 'benefits-clerk', municipalityCode: ITABASHI };
const approver: BenefitsActor = {
  kind: 'staff',
  staffId: 'appr-1',
  role: 'benefits-approver',
  municipalityCode: ITABASHI,
};
const treasury: BenefitsActor = {
  kind: 'staff',
  staffId: 'tres-1',
  role: 'benefits-treasury',
  municipalityCode: ITABASHI,
};
const setagayaApprover: BenefitsActor = { ...approver, staffId: 'appr-2', municipalityCode: SETAGAYA } as BenefitsActor;
const tokyoClerk: BenefitsActor = { ...clerk, staffId: 'clerk-tokyo', municipalityCode: '130001' } as BenefitsActor;

const payer: PaymentBatchInput['payer'] = {
  consignorCode: '0000131199',
  consignorName: 'ｲﾀﾊﾞｼｸ',
  bankCode: '0005',
  bankName: 'ﾐﾂﾋﾞｼUFJ',
  branchCode: '101',
  branchName: 'ｲﾀﾊﾞｼ',
  accountType: '1',
  accountNumber: '7654321',
};

async function apply(
  parentId: string,
  birthDate: string,
  account: { bankCode: string; holderKana: string },
  municipalityCode = ITABASHI,
) {
  const application = applicationFor({ birthDate, municipalityCode });
  application.bankAccount = { ...application.bankAccount, ...account };
  return submitApplication(t.services, { parentId, householdId: householdOf(parentId), application });
}

describe('staff review and payment of 018サポート claims', () => {
  const parents = { a: newParentId(), b: newParentId(), c: newParentId(), d: newParentId() };
  let newborn: Awaited<ReturnType<typeof apply>>;
  let schoolChild: Awaited<ReturnType<typeof apply>>;
  let toddler: Awaited<ReturnType<typeof apply>>;
  let setagaya: Awaited<ReturnType<typeof apply>>;
  const ids = () => ({
    a018: newborn.claims[0]!.claim!.id,
    aGift: newborn.claims[1]!.claim!.id,
    b: schoolChild.claims[0]!.claim!.id,
    c: toddler.claims[0]!.claim!.id,
    d: setagaya.claims[0]!.claim!.id,
  });

  it('puts claims in the review queue of their municipality only', async () => {
    newborn = await apply(parents.a, '2025-05-10', { bankCode: '0009', holderKana: 'スズキ　イチロウ' });
    schoolChild = await apply(parents.b, '2015-05-05', { bankCode: '0001', holderKana: 'さとう はなこ' });
    toddler = await apply(parents.c, '2021-01-15', { bankCode: '0009', holderKana: 'ﾀﾅｶ ｼﾞﾛｳ' });
    setagaya = await apply(parents.d, '2019-09-09', { bankCode: '0005', holderKana: 'ヤマダ タロウ' }, SETAGAYA);
    const { a018, aGift, b, c, d } = ids();

    const itabashiQueue = await listReviewQueue(t.services, { actor: clerk });
    expect(itabashiQueue.items.map((i) => i.id).sort()).toEqual([a018, aGift, b, c].sort());
    const all = await listReviewQueue(t.services, { actor: tokyoClerk });
    expect(all.items.map((i) => i.id)).toContain(d);
    await expect(
      listReviewQueue(t.services, { actor: clerk, query: { municipalityCode: SETAGAYA } }),
    ).rejects.toMatchObject({
      status: 403,
    });
    const paged = await listReviewQueue(t.services, { actor: clerk, query: { limit: 3 } });
    const rest = await listReviewQueue(t.services, { actor: clerk, query: { limit: 3, after: paged.next! } });
    expect([...paged.items, ...rest.items].map((i) => i.id).sort()).toEqual([a018, aGift, b, c].sort());
    await expect(listReviewQueue(t.services, { actor: parentOf(parents.a) })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('starts reviews in bulk, skipping claims outside the municipality', async () => {
    const { a018, aGift, b, c, d } = ids();
    const outcomes = await startClaimReviews(t.services, { actor: clerk, claimIds: [a018, aGift, b, c, d] });
    expect(outcomes.find((o) => o.claimId === d)).toMatchObject({ outcome: 'skipped', check: 'not-found' });
    expect(outcomes.filter((o) => o.outcome === 'done')).toHaveLength(4);
  });

  it('asks for a fix only with a reason, and the parent resubmits', async () => {
    const { c } = ids();
    await expect(
      changeClaimStatus(t.services, { actor: clerk, claimId: c, to: 'needs-fix', reason: ' ' }),
    ).rejects.toMatchObject({
      code: 'reason-required',
    });
    await changeClaimStatus(t.services, {
      actor: clerk,
      claimId: c,
      to: 'needs-fix',
      reason: '口座名義が申請者と異なります',
    });
    // Another parent cannot touch it; the clerk cannot resubmit for the parent.
    await expect(
      changeClaimStatus(t.services, { actor: parentOf(parents.a), claimId: c, to: 'resubmitted' }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(changeClaimStatus(t.services, { actor: clerk, claimId: c, to: 'resubmitted' })).rejects.toMatchObject({
      status: 403,
    });
    const timeline = await getClaimTimeline(t.services, { actor: parentOf(parents.c), claimId: c });
    expect(timeline.claim.reason).toBe('口座名義が申請者と異なります');
    expect(timeline.nextStep.ja).toMatch(/再提出/);
  });

  it('approves in bulk with checks: wrong status and out-of-scope claims are skipped and named', async () => {
    const { a018, aGift, b, c } = ids();
    await expect(bulkApproveClaims(t.services, { actor: clerk, claimIds: [a018] })).rejects.toMatchObject({
      status: 403,
    });
    await expect(bulkApproveClaims(t.services, { actor: setagayaApprover, claimIds: [a018] })).rejects.toMatchObject({
      status: 404,
    });
    const outcomes = await bulkApproveClaims(t.services, { actor: approver, claimIds: [a018, aGift, b, c] });
    expect(outcomes.find((o) => o.claimId === c)).toMatchObject({
      outcome: 'skipped',
      check: 'wrong-status',
      status: 'needs-fix',
    });
    expect(
      outcomes
        .filter((o) => o.outcome === 'done')
        .map((o) => o.claimId)
        .sort(),
    ).toEqual([a018, aGift, b].sort());

    await changeClaimStatus(t.services, {
      actor: parentOf(parents.c),
      claimId: c,
      to: 'resubmitted',
    });
    await startClaimReviews(t.services, { actor: clerk, claimIds: [c] });
    expect((await bulkApproveClaims(t.services, { actor: approver, claimIds: [c] }))[0]!.outcome).toBe('done');
    // Approving twice does nothing twice.
    expect((await bulkApproveClaims(t.services, { actor: approver, claimIds: [c] }))[0]).toMatchObject({
      check: 'wrong-status',
    });
  });

  it('generates the 総合振込 file for instalment 1 and parses it back field by field', async () => {
    clock = new Date('2025-07-20T01:00:00Z');
    const { a018, b, c } = ids();
    const { report, file } = await generatePaymentBatch(t.services, {
      actor: treasury,
      batch: { municipalityCode: ITABASHI, fiscalYear: 2025, instalmentNo: 1, transferDate: '2025-08-08', payer },
    });
    // newborn (born 10 May, so not on 1 May): Jun–Jul; school child: Apr–Jul; toddler: Apr–Jul. The 赤ちゃんファースト gift is not a transfer.
    expect(report).toMatchObject({
      count: 3,
      total: 10000 + 20000 + 20000,
      instalmentNo: 1,
      transferDate: '2025-08-08',
    });
    expect(report.byBank).toEqual([
      { bankCode: '0001', count: 1, amount: 20000 },
      { bankCode: '0009', count: 2, amount: 30000 },
    ]);
    expect(report.monthsPaid).toEqual({ '2025-04': 2, '2025-05': 2, '2025-06': 3, '2025-07': 3 });

    const parsed = parseTransferFile(file);
    expect(parsed.header).toEqual({ ...payer, transferDate: '0808' });
    expect(parsed.trailer).toEqual({ count: 3, total: 50000 });
    const lines = (
      await t.services.db.execute(
        sql`select p.line_no, p.claim_id, p.amount, a.bank_code, a.branch_code, a.account_type, a.account_number, a.account_holder_kana
            from benefit_payments p join benefit_claims c on c.id = p.claim_id join benefit_applications a on a.id = c.application_id
            where p.batch_id = ${report.batchId} order by p.line_no`,
      )
    ).rows as Record<string, string | number>[];
    expect(lines.map((l) => l.claim_id).sort()).toEqual([a018, b, c].sort());
    parsed.records.forEach((record, i) => {
      const line = lines[i]!;
      expect(record).toEqual({
        bankCode: line.bank_code,
        bankName: '',
        branchCode: line.branch_code,
        branchName: '',
        clearingHouse: '',
        accountType: line.account_type,
        accountNumber: line.account_number,
        payeeName: line.account_holder_kana,
        amount: line.amount,
        newCode: '0',
        customerCode1: String(line.line_no).padStart(10, '0'),
        customerCode2: '',
        transferKind: '7',
        ediMark: '',
      });
    });
    expect(parsed.records.map((r) => r.payeeName).sort()).toEqual(['ｻﾄｳ ﾊﾅｺ', 'ｽｽﾞｷ ｲﾁﾛｳ', 'ﾀﾅｶ ｼﾞﾛｳ']);
    const stored = await t.services.db.execute(
      sql`select file from benefit_payment_batches where id = ${report.batchId}`,
    );
    expect(Buffer.compare((stored.rows[0] as { file: Buffer }).file, file)).toBe(0);

    // Nothing is due twice.
    await expect(
      generatePaymentBatch(t.services, {
        actor: treasury,
        batch: { municipalityCode: ITABASHI, fiscalYear: 2025, instalmentNo: 1, transferDate: '2025-08-08', payer },
      }),
    ).rejects.toMatchObject({ code: 'nothing-to-pay' });

    const lineOf = (claimId: string) => Number(lines.find((l) => l.claim_id === claimId)!.line_no);
    const tally = await recordPaymentResults(t.services, {
      actor: treasury,
      results: {
        batchId: report.batchId,
        results: [
          { lineNo: lineOf(a018), outcome: 'paid' },
          { lineNo: lineOf(b), outcome: 'paid' },
          { lineNo: lineOf(c), outcome: 'failed', reason: '口座なし' },
        ],
      },
    });
    expect(tally).toEqual({ paid: 2, failed: 1, unchanged: 0, unknown: 0 });
    const again = await recordPaymentResults(t.services, {
      actor: treasury,
      results: { batchId: report.batchId, results: [{ lineNo: lineOf(a018), outcome: 'paid' }] },
    });
    expect(again).toMatchObject({ paid: 0, unchanged: 1 });
  });

  it('shows the parent a timeline of every step, and pays the returned months in the next instalment', async () => {
    const { a018, c } = ids();
    const timeline = await getClaimTimeline(t.services, {
      actor: parentOf(parents.a),
      claimId: a018,
    });
    expect(timeline.timeline.map((s) => s.label.ja)).toEqual(['申請受付', '審査中', '支給決定', '振込予定', '振込済']);
    await expect(getClaimTimeline(t.services, { actor: parentOf(parents.b), claimId: a018 })).rejects.toMatchObject({
      status: 404,
    });

    clock = new Date('2025-11-20T01:00:00Z');
    const second = await generatePaymentBatch(t.services, {
      actor: treasury,
      batch: {
        municipalityCode: ITABASHI,
        fiscalYear: 2025,
        instalmentNo: 2,
        transferDate: '2025-12-10',
        payer,
        lineBreak: 'none',
      },
    });
    // Everyone Aug–Nov (3 × 20,000) plus the toddler's returned Apr–Jul (20,000).
    expect(second.report).toMatchObject({ count: 3, total: 80000 });
    expect(second.file.length).toBe(6 * 120);
    const toddler = await getClaimTimeline(t.services, { actor: parentOf(parents.c), claimId: c });
    expect(toddler.timeline.map((s) => s.status)).toEqual([
      'received',
      'under-review',
      'needs-fix',
      'resubmitted',
      'under-review',
      'approved',
      'payment-scheduled',
      'approved',
      'payment-scheduled',
    ]);
  });

  it('audits every read and write and raises claim.status-changed for each change', async () => {
    const { a018 } = ids();
    const audits = await t.services.db.execute(
      sql`select action, count(*)::int n from audit_events where resource_id = ${a018} group by action order by action`,
    );
    expect(audits.rows).toEqual([
      { action: 'benefit-claim.create', n: 1 },
      expect.objectContaining({ action: 'benefit-claim.read' }),
      { action: 'benefit-claim.update', n: 5 },
    ]);
    const events = await t.services.db.execute(
      sql`select payload->>'to' as "to" from outbox_events where type = 'claim.status-changed' and payload->>'claimId' = ${a018} order by id`,
    );
    expect(events.rows.map((r) => (r as { to: string }).to)).toEqual([
      'received',
      'under-review',
      'approved',
      'payment-scheduled',
      'paid',
      'payment-scheduled',
    ]);
  });

  it('refuses moves the status machine does not allow, and the database refuses unknown statuses', async () => {
    const { aGift } = ids();
    await expect(
      changeClaimStatus(t.services, {
        actor: parentOf(parents.a),
        claimId: aGift,
        to: 'withdrawn',
      }),
    ).rejects.toMatchObject({ code: 'invalid-transition', status: 409 });
    await expect(
      t.services.db.execute(sql`update benefit_claims set status = 'lost' where id = ${aGift}`),
    ).rejects.toMatchObject({ cause: { code: '23514' } });
  });
});
