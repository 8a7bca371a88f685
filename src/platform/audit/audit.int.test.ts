import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { auditEvents } from './audit.tables.ts';
import { recordAudit } from './record-audit.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('audit events', () => {
  it('records who did what, to which record, why, and with what outcome', async () => {
    await recordAudit(t.services.db, {
      actor: { type: 'staff', id: 'staff-1' },
      action: 'child.read',
      resource: { type: 'child', id: 'child-42' },
      municipalityCode: '131199',
      purpose: 'nursery admission screening',
      outcome: 'success',
      requestId: 'req-1',
    });
    const [row] = await t.services.db.select().from(auditEvents).where(eq(auditEvents.resourceId, 'child-42'));
    expect(row).toMatchObject({
      actorType: 'staff',
      actorId: 'staff-1',
      action: 'child.read',
      resourceType: 'child',
      municipalityCode: '131199',
      purpose: 'nursery admission screening',
      outcome: 'success',
      requestId: 'req-1',
    });
    expect(row?.occurredAt).toBeInstanceOf(Date);
  });

  it('is append-only: the database refuses updates, deletes and truncation', async () => {
    await recordAudit(t.services.db, {
      actor: { type: 'system' },
      action: 'test.write',
      resource: { type: 'test', id: 'immutable' },
      purpose: 'test',
      outcome: 'success',
    });
    const target = eq(auditEvents.resourceId, 'immutable');
    // drizzle wraps the driver's error; PostgreSQL's own message is the cause.
    const refused = { cause: { message: expect.stringMatching(/append-only/) } };
    await expect(t.services.db.update(auditEvents).set({ outcome: 'denied' }).where(target)).rejects.toMatchObject(
      refused,
    );
    await expect(t.services.db.delete(auditEvents).where(target)).rejects.toMatchObject(refused);
    await expect(t.services.database.pool.query('truncate audit_events')).rejects.toThrow(/append-only/);
    const rows = await t.services.db.select().from(auditEvents).where(target);
    expect(rows).toHaveLength(1);
  });

  it('refuses an outcome outside the allowed set', async () => {
    await expect(
      recordAudit(t.services.db, {
        actor: { type: 'system' },
        action: 'x',
        resource: { type: 'x' },
        purpose: 'x',
        outcome: 'maybe' as never,
      }),
    ).rejects.toThrow();
  });
});
