import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/access/actor.ts';
import { createTestApp, type TestContext } from '../../platform/testing/test-app.ts';
import { rawRecord } from './registry.factories.ts';
import type { RegistryActor, RegistryRole } from './registry-actor.ts';
import { importRegistry } from './use-cases/import-registry.ts';
import { listProgramVersions } from './use-cases/list-program-versions.ts';
import { retireProgram } from './use-cases/retire-program.ts';
import { reviewProgramVersion } from './use-cases/review-program-version.ts';
import { createProgramDraft, editProgramDraft } from './use-cases/save-program-draft.ts';
import { submitProgramVersion } from './use-cases/submit-program-version.ts';

const staff = (id: string, roles: RegistryRole[], municipalityCode = '131199'): RegistryActor => ({
  actor: { type: 'staff', id },
  roles,
  municipalityCode,
});
const editor = staff('editor-1', ['registry-editor']);
const approver = staff('approver-1', ['registry-approver']);
const both = staff('both-1', ['registry-editor', 'registry-approver']);
const otherTown = staff('chiyoda-1', ['registry-editor', 'registry-approver'], '131016');

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp({ now: () => new Date('2026-06-01T03:00:00Z') });
  await importRegistry(t.services, {
    records: [rawRecord({ psid: 'test+131199+UM9', areaCode: '131199', name: '乳児健診', months: [3, 4] })],
    source: 'test',
    actor: SYSTEM_ACTOR,
  });
});
afterAll(() => t?.close());

const search = async (query: string) => (await t.app.inject({ url: `/api/v1/programs?${query}` })).json();

describe('staff workflow', () => {
  it('takes a new program from draft through review to published, with a different approver', async () => {
    const { programId } = await createProgramDraft(t.services, {
      actor: editor,
      program: {
        municipalityCode: '131199',
        name: '板橋区おむつ支援',
        ageMonths: { min: 0, max: 12 },
        categories: ['003'],
      },
    });
    expect((await search('municipality=131199&q=おむつ')).total).toBe(0); // drafts are not public

    await expect(
      reviewProgramVersion(t.services, { actor: approver, programId, version: 1, decision: 'approve' }),
    ).rejects.toMatchObject({ code: 'registry-invalid-transition', status: 409 });
    await submitProgramVersion(t.services, { actor: editor, programId, version: 1 });
    await expect(
      editProgramDraft(t.services, { actor: editor, programId, changes: { summary: 'x' } }),
    ).rejects.toMatchObject({
      code: 'registry-version-in-review',
    });
    await reviewProgramVersion(t.services, { actor: approver, programId, version: 1, decision: 'approve' });

    const found = await search('municipality=131199&ageMonths=8&q=おむつ');
    expect(found.items.map((i: { name: string }) => i.name)).toEqual(['板橋区おむつ支援']);
  });

  it('refuses approval by the author, by a non-approver, and by another municipality', async () => {
    const { programId } = await createProgramDraft(t.services, {
      actor: both,
      program: { municipalityCode: '131199', name: '自己承認テスト' },
    });
    await submitProgramVersion(t.services, { actor: both, programId, version: 1 });
    await expect(
      reviewProgramVersion(t.services, { actor: both, programId, version: 1, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      reviewProgramVersion(t.services, { actor: editor, programId, version: 1, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      reviewProgramVersion(t.services, { actor: otherTown, programId, version: 1, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      createProgramDraft(t.services, { actor: otherTown, program: { municipalityCode: '131199', name: 'x' } }),
    ).rejects.toMatchObject({ status: 403 });
    const denied = await t.services.db.execute(
      sql`select 1 from audit_events where outcome = 'denied' and action = 'registry-program.approve'`,
    );
    expect(denied.rowCount).toBe(1);
  });

  it('publishes an edit of an imported program: version history with a field diff, and the change feed shows it', async () => {
    const before = await search('municipality=131199&q=乳児健診');
    const programId = before.items[0].id as string;
    const feedBefore = (await t.app.inject({ url: '/api/v1/programs/changes' })).json();

    const { version } = await editProgramDraft(t.services, {
      actor: editor,
      programId,
      changes: { summary: '3～4か月の乳児健診（会場を変更しました）', ageMonths: { min: 3, max: 6 } },
    });
    expect(version).toBe(2);
    // Until approval the public still sees version 1.
    expect((await search('municipality=131199&ageMonths=5&q=乳児健診')).total).toBe(0);

    await submitProgramVersion(t.services, { actor: editor, programId, version: 2 });
    await reviewProgramVersion(t.services, { actor: approver, programId, version: 2, decision: 'return' });
    await editProgramDraft(t.services, { actor: editor, programId, changes: { effectiveFrom: '2026-05-01' } });
    await submitProgramVersion(t.services, { actor: editor, programId, version: 2 });
    await reviewProgramVersion(t.services, { actor: approver, programId, version: 2, decision: 'approve' });

    expect((await search('municipality=131199&ageMonths=5&q=乳児健診')).total).toBe(1);
    const feed = (await t.app.inject({ url: `/api/v1/programs/changes?since=${feedBefore.nextCursor}` })).json();
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({ kind: 'updated', programId, version: 2 });
    expect(feed.items[0].program.summary).toBe('3～4か月の乳児健診（会場を変更しました）');

    const history = await listProgramVersions(t.services, { actor: approver, programId });
    expect(history.map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'retired'],
    ]);
    expect(history[0]!.diff.map((d) => d.field).sort()).toEqual(['ageMonths', 'summary']);
    expect(history[0]!.effectiveFrom).toBe('2026-05-01');
    expect(history[0]).toMatchObject({ createdBy: 'staff:editor-1', reviewedBy: 'staff:approver-1' });

    // The export rebuilds the edited record in the Tokyo shape; re-importing the same file keeps the edit.
    const exported = (await t.app.inject({ url: '/api/v1/programs/export.json' })).json();
    expect(exported.find((r: { summary: string }) => r.summary?.includes('会場を変更'))).toBeTruthy();

    const audit = await t.services.db.execute<{ action: string }>(
      sql`select action from audit_events where resource_id = ${programId} order by id`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'registry-program.edit',
      'registry-program.submit',
      'registry-program.return',
      'registry-program.edit',
      'registry-program.submit',
      'registry-program.approve',
      'registry-program.history',
    ]);
  });

  it('keeps a future effective date out of search until the day comes', async () => {
    const { programId } = await createProgramDraft(t.services, {
      actor: editor,
      program: { municipalityCode: '131199', name: '来年度からの新制度', effectiveFrom: '2027-04-01' },
    });
    await submitProgramVersion(t.services, { actor: editor, programId, version: 1 });
    await reviewProgramVersion(t.services, { actor: approver, programId, version: 1, decision: 'approve' });
    expect((await search('q=来年度')).total).toBe(0);
  });

  it('retires a published program: gone from search, in the feed', async () => {
    const { items } = await search('q=おむつ');
    await retireProgram(t.services, { actor: approver, programId: items[0].id });
    expect((await search('q=おむつ')).total).toBe(0);
    const last = (await t.app.inject({ url: '/api/v1/programs/changes' })).json().items.at(-1);
    expect(last).toMatchObject({ kind: 'retired', program: null });
    await expect(retireProgram(t.services, { actor: approver, programId: items[0].id })).rejects.toMatchObject({
      status: 409,
    });
  });

  it('rejects a contradictory age window or effective period, naming the field', async () => {
    await expect(
      createProgramDraft(t.services, {
        actor: editor,
        program: { municipalityCode: '131199', name: 'x', ageMonths: { min: 12, max: 6 } },
      }),
    ).rejects.toMatchObject({ status: 400, fieldErrors: [{ field: 'body.ageMonths' }] });
  });
});
