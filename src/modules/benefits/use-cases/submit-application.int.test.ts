import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../../platform/testing/test-app.ts';
import { applicationFor, householdOf, newChildId, newParentId } from '../testing/benefit-factories.ts';
import { listParentClaims } from './list-parent-claims.ts';
import { submitApplication } from './submit-application.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const result = await t.services.db.execute(query);
  return Number((result.rows[0] as { n: number }).n);
}

describe('submitApplication', () => {
  it('opens 018サポート and 赤ちゃんファースト for a newborn in one submission, with history, audit and events', async () => {
    const parentId = newParentId();
    const childId = newChildId();
    const result = await submitApplication(t.services, { parentId, application: applicationFor({ childId }) });
    expect(result.replayed).toBe(false);
    expect(result.notEligible).toEqual([]);
    expect(result.claims.map((c) => [c.benefitCode, c.fiscalYear, c.opened, c.claim?.status, c.claim?.amount])).toEqual(
      [
        ['018support', 2025, true, 'received', 50000],
        ['akachan-first', 2025, true, 'received', 100000],
      ],
    );
    const ids = result.claims.map((c) => c.claim!.id);
    expect(await count(sql`select count(*) n from benefit_claim_history where claim_id in ${ids}`)).toBe(2);
    expect(
      await count(
        sql`select count(*) n from audit_events where action = 'benefit-claim.create' and resource_id in ${ids}`,
      ),
    ).toBe(2);
    expect(
      await count(
        sql`select count(*) n from outbox_events where type = 'claim.status-changed' and payload->>'claimId' in ${ids}`,
      ),
    ).toBe(2);
    const [account] = (
      await t.services.db.execute(
        sql`select account_holder_kana from benefit_applications where id = ${result.applicationId}`,
      )
    ).rows;
    expect(account).toEqual({ account_holder_kana: 'ﾔﾏﾀﾞ ﾊﾅｺ' });
  });

  it('lists the parent’s own claims with status and next step, and only theirs', async () => {
    const parentId = newParentId();
    const householdId = householdOf(parentId);
    await submitApplication(t.services, { parentId, householdId, application: applicationFor() });
    await submitApplication(t.services, { parentId: newParentId(), application: applicationFor() });
    const mine = await listParentClaims(t.services, { parentId, householdId });
    expect(mine.map((c) => [c.benefitCode, c.statusLabel.ja])).toEqual([
      ['018support', '申請受付'],
      ['akachan-first', '申請受付'],
    ]);
    expect(mine[0]!.nextStep.ja).toBe('区市町村が審査を始めます。');
  });

  it('answers a retry with the same key from the first submission and opens nothing', async () => {
    const parentId = newParentId();
    const application = applicationFor();
    const first = await submitApplication(t.services, { parentId, application });
    const again = await submitApplication(t.services, { parentId, application });
    expect(again.replayed).toBe(true);
    expect(again.applicationId).toBe(first.applicationId);
    expect(again.claims).toEqual(first.claims);
  });

  it('opens nothing twice under concurrent double submission, same key or not', async () => {
    const parentId = newParentId();
    const childId = newChildId();
    const sameKey = applicationFor({ childId });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        submitApplication(t.services, {
          parentId,
          // half reuse one key (a double tap), half are fresh submissions for the same child
          application: i % 2 ? { ...sameKey, idempotencyKey: randomUUID() } : sameKey,
        }),
      ),
    );
    expect(await count(sql`select count(*) n from benefit_claims where child_id = ${childId}`)).toBe(2);
    expect(
      await count(sql`select count(*) n from benefit_applications where idempotency_key = ${sameKey.idempotencyKey}`),
    ).toBe(1);
    expect(await count(sql`select count(*) n from benefit_applications where parent_id = ${parentId}`)).toBe(5);
    // Exactly one application opened the claims; every other answer points at them as already open.
    const openers = new Set(results.filter((r) => r.claims.some((c) => c.opened)).map((r) => r.applicationId));
    expect(openers.size).toBe(1);
    const claimIds = new Set(results.flatMap((r) => r.claims.map((c) => c.claim!.id)));
    expect(claimIds.size).toBe(2);
    expect(
      await count(
        sql`select count(*) n from outbox_events where type = 'claim.status-changed' and payload->>'childId' = ${childId}`,
      ),
    ).toBe(2);
  });

  it('refuses the same key with a different body', async () => {
    const parentId = newParentId();
    const application = applicationFor();
    await submitApplication(t.services, { parentId, application });
    await expect(
      submitApplication(t.services, { parentId, application: { ...application, fiscalYear: 2024 } }),
    ).rejects.toMatchObject({ code: 'idempotency-key-reused', status: 409 });
    await expect(submitApplication(t.services, { parentId: newParentId(), application })).rejects.toMatchObject({
      code: 'idempotency-key-reused',
    });
  });

  it('does not show another parent’s claim for the same child', async () => {
    const childId = newChildId();
    await submitApplication(t.services, { parentId: newParentId(), application: applicationFor({ childId }) });
    const second = await submitApplication(t.services, {
      parentId: newParentId(),
      application: applicationFor({ childId }),
    });
    expect(second.claims.map((c) => [c.opened, c.claim])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
  });

  it('lists what a child is not eligible for, with the reasons', async () => {
    const result = await submitApplication(t.services, {
      parentId: newParentId(),
      application: applicationFor({ birthDate: '2025-03-31', fiscalYear: 2025 }),
    });
    expect(result.claims.map((c) => c.benefitCode)).toEqual(['018support']);
    expect(result.notEligible[0]).toMatchObject({ benefitCode: 'akachan-first' });
    expect(result.notEligible[0]!.reasons.find((r) => !r.met)?.condition).toBe('born-on-or-after');
  });

  it('refuses the same child twice in one application', async () => {
    const application = applicationFor();
    const twice = { ...application, children: [application.children[0]!, application.children[0]!] };
    const error = await submitApplication(t.services, { parentId: newParentId(), application: twice }).catch((e) => e);
    expect(error.fieldErrors.map((f: { field: string }) => f.field)).toEqual(['body.children.1.childId']);
  });

  it('validates the bank account, naming each field', async () => {
    const application = applicationFor();
    const bad = {
      ...application,
      bankAccount: {
        ...application.bankAccount,
        bankCode: '09',
        branchCode: '12a',
        accountNumber: '123456',
        holderKana: '山田花子',
      },
    };
    const error = await submitApplication(t.services, { parentId: newParentId(), application: bad }).catch((e) => e);
    expect(error).toMatchObject({ code: 'validation-failed', status: 400 });
    expect(error.fieldErrors.map((f: { field: string }) => f.field).sort()).toEqual([
      'body.bankAccount.accountNumber',
      'body.bankAccount.bankCode',
      'body.bankAccount.branchCode',
      'body.bankAccount.holderKana',
    ]);
    expect(error.fieldErrors.every((f: { messageJa: string }) => f.messageJa !== '値が正しくありません')).toBe(true);
  });
});
