import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { CookieJarClient, formField, makeStaff, staffCookie } from '../identity/index.ts';
import { importRegistry, rawRecord } from '../registry/index.ts';
import { registryProgramVersions } from '../registry/registry.tables.ts';
import { assistProposals } from './assist.tables.ts';
import { APPLY_LEASE_MS } from './proposal-status.ts';

// A process that dies while a proposal is `applying` leaves the row as it was at that moment. These tests write
// exactly those rows (the claim with its stored decisions, with or without the recorded registry version) and check
// that a resume after the lease finishes the work once — never twice, never before the lease.

let t: TestContext;
let editor: Record<string, string>;
const programs: string[] = [];
const PAGE = '乳児おむつ支援\n対象\n生後2か月から1歳6か月までのお子さんがいる世帯\n';
const DECISIONS = { ageMonths: { action: 'accept' } } as const;

beforeAll(async () => {
  t = await createTestApp();
  const tag = randomUUID().slice(0, 8);
  await importRegistry(t.services, {
    records: [1, 2, 3, 4].map((n) =>
      rawRecord({
        psid: `recover-${tag}+131199+${n}`,
        areaCode: '131199',
        name: `乳児おむつ支援${n}`,
        months: [0, 11],
      }),
    ),
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
  editor = await staffCookie(
    t.app,
    t.services,
    await makeStaff(t.services, { municipalityCode: '131199', roles: ['registry-editor'] }),
  );
  // Only this run's programs: the database is shared with earlier runs.
  const rows = await t.services.db.execute<{ id: string }>(
    sql`select id from registry_programs where psid like ${`recover-${tag}+%`} order by psid`,
  );
  programs.push(...rows.rows.map((r) => r.id));
  expect(programs).toHaveLength(4);
});
afterAll(() => t?.close());

async function proposalFor(programId: string): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/staff/assist/programs/${programId}/proposals`,
    cookies: editor,
    payload: { text: PAGE },
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

/** The row a process leaves when it dies holding the claim `minutesAgo` ago (pendingVersion: it got that far). */
async function crashedClaim(proposalId: string, minutesAgo: number, pendingVersion: number | null = null) {
  await t.services.db
    .update(assistProposals)
    .set({
      status: 'applying',
      appliedVersion: null,
      decidedBy: null,
      claimId: randomUUID(),
      claimedAt: new Date(t.services.now().getTime() - minutesAgo * 60_000),
      decisions: DECISIONS,
      pendingVersion,
    })
    .where(eq(assistProposals.id, proposalId));
}

const versions = async (programId: string) =>
  t.services.db.select().from(registryProgramVersions).where(eq(registryProgramVersions.programId, programId));
const resume = (id: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/staff/assist/proposals/${id}/resume`, cookies: editor });

describe('a proposal stuck in applying after a crash', () => {
  it('is resumed after the lease when the process died right after claiming', async () => {
    const programId = programs[0]!;
    const id = await proposalFor(programId);
    await crashedClaim(id, APPLY_LEASE_MS / 60_000 + 1);
    // Deciding again is refused: the claim's stored decisions are what staff chose.
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/proposals/${id}/decisions`,
      cookies: editor,
      payload: { decisions: DECISIONS },
    });
    expect(again.statusCode).toBe(409);
    const res = await resume(id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', version: 2, accepted: ['ageMonths'] });
    const [v2] = (await versions(programId)).filter((v) => v.version === 2);
    expect(v2).toMatchObject({ status: 'in_review' });
    expect(v2!.data.ageMonths).toMatchObject({ min: 2, max: 19 });
    const [row] = await t.services.db.select().from(assistProposals).where(eq(assistProposals.id, id));
    expect(row).toMatchObject({ status: 'applied', appliedVersion: 2, claimId: null, claimedAt: null });
    const audit = await t.services.db.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_events where action = 'assist-proposal.resume' and resource_id = ${id}`,
    );
    expect(audit.rows[0]?.n).toBe(1);
    // Done means done: a second resume finds nothing to do.
    expect((await resume(id)).statusCode).toBe(409);
  });

  it('does not write the registry twice when the process died after submitting', async () => {
    const programId = programs[1]!;
    const id = await proposalFor(programId);
    const decided = await t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/assist/proposals/${id}/decisions`,
      cookies: editor,
      payload: { decisions: DECISIONS },
    });
    expect(decided.json()).toMatchObject({ status: 'applied', version: 2 });
    // The same registry state, but the proposal's last update never happened.
    await crashedClaim(id, APPLY_LEASE_MS / 60_000 + 1, 2);
    const before = await versions(programId);
    const res = await resume(id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'applied', version: 2 });
    const after = await versions(programId);
    expect(after.map((v) => [v.version, v.status])).toEqual(before.map((v) => [v.version, v.status]));
    expect(after.filter((v) => v.status === 'in_review')).toHaveLength(1);
  });

  it('reopens an expired claim that stored no decisions (nothing to re-apply)', async () => {
    const programId = programs[2]!;
    const id = await proposalFor(programId);
    await crashedClaim(id, APPLY_LEASE_MS / 60_000 + 1);
    await t.services.db.update(assistProposals).set({ decisions: null }).where(eq(assistProposals.id, id));
    const res = await resume(id);
    expect(res.json()).toMatchObject({ status: 'open', version: null });
    const [row] = await t.services.db.select().from(assistProposals).where(eq(assistProposals.id, id));
    expect(row).toMatchObject({ status: 'open', claimId: null });
    expect(await versions(programId)).toHaveLength(1);
  });

  it('refuses to take over a live claim', async () => {
    const programId = programs[2]!;
    const id = await proposalFor(programId);
    await crashedClaim(id, 0);
    const res = await resume(id);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('assist-proposal-not-stuck');
    const [row] = await t.services.db
      .select()
      .from(assistProposals)
      .where(and(eq(assistProposals.id, id), eq(assistProposals.status, 'applying')));
    expect(row).toBeDefined();
    expect(await versions(programId)).toHaveLength(1);
  });

  it('the staff pages list it as interrupted and resume it from a form', async () => {
    const programId = programs[3]!;
    const id = await proposalFor(programId);
    await crashedClaim(id, APPLY_LEASE_MS / 60_000 + 1);
    const browser = new CookieJarClient(t.app);
    for (const [name, value] of Object.entries(editor)) browser.setCookie(name, value);
    const list = await browser.request({ url: `/staff/assist/programs/${programId}/proposals` });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('処理が中断されました');
    expect(list.body).toContain(`/staff/assist/proposals/${id}/resume`);
    const page = await browser.request({ url: `/staff/assist/proposals/${id}` });
    expect(page.body).toContain('処理を再開する');
    const resumed = await browser.request({
      method: 'POST',
      url: `/staff/assist/proposals/${id}/resume`,
      form: { _csrf: formField(page.body, '_csrf') },
    });
    expect(resumed.statusCode).toBe(303);
    const after = await browser.request({ url: `/staff/assist/programs/${programId}/proposals` });
    expect(after.body).toContain('確認に回しました');
    expect(after.body).not.toContain('処理が中断されました');
  });
});
