import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../audit/audit.tables.ts';
import { createTestApp, type TestContext } from '../testing/test-app.ts';
import { jsonRowsInsert } from './json-rows-insert.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('jsonRowsInsert', () => {
  it('writes the rows as drizzle would: nulls, jsonb objects, timestamps, column defaults for the rest', async () => {
    const requestId = randomUUID();
    const at = new Date('2026-04-01T09:30:00.123Z');
    // Every column but the id (its default), so the rows read back must equal what was written.
    const written = [
      {
        actorType: 'parent',
        actorId: 'p-1',
        action: 'benefit-claim.read',
        resourceType: 'benefit-claim',
        resourceId: 'c-1',
        municipalityCode: '131199',
        purpose: 'test',
        outcome: 'success',
        requestId,
        detail: { benefitCode: '018support', months: ['2026-04'], quote: `it's "quoted"` },
        occurredAt: at,
      },
      {
        actorType: 'system',
        actorId: null,
        action: 'benefit-claim.read',
        resourceType: 'benefit-claim',
        resourceId: null,
        municipalityCode: null,
        purpose: 'test',
        outcome: 'denied',
        requestId,
        detail: null,
        occurredAt: at,
      },
    ] satisfies (typeof auditEvents.$inferInsert)[];
    const inserted = await t.services.db.execute<{ id: number }>(
      sql`${jsonRowsInsert(auditEvents, written)} returning id`,
    );
    expect(inserted.rows).toHaveLength(2);
    const rows = await t.services.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.requestId, requestId))
      .orderBy(auditEvents.id);
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual(written);
  });
});
