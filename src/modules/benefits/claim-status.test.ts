import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUS_LABELS, CLAIM_STATUSES, CLAIM_TRANSITIONS, findTransition, NEXT_STEP } from './claim-status.ts';

describe('claim status machine', () => {
  it('has a label and a next step for every status', () => {
    expect(Object.keys(CLAIM_STATUS_LABELS).sort()).toEqual([...CLAIM_STATUSES].sort());
    expect(Object.keys(NEXT_STEP).sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('ends only in 不支給 and 取下げ, and reaches 振込済 from 申請受付', () => {
    const terminal = CLAIM_STATUSES.filter((s) => !CLAIM_TRANSITIONS.some((t) => t.from === s));
    expect(terminal.sort()).toEqual(['rejected', 'withdrawn']);
    const reachable = new Set(['received']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of CLAIM_TRANSITIONS) {
        if (reachable.has(t.from) && !reachable.has(t.to)) {
          reachable.add(t.to);
          grew = true;
        }
      }
    }
    expect([...reachable].sort()).toEqual([...CLAIM_STATUSES].sort());
  });

  it('requires a reason for fix requests and refusals, and lets only the parent withdraw or resubmit', () => {
    for (const t of CLAIM_TRANSITIONS) {
      if (t.to === 'needs-fix' || t.to === 'rejected') expect(t.needsReason, `${t.from}→${t.to}`).toBe(true);
      if (t.to === 'withdrawn' || t.to === 'resubmitted') expect(t.by).toEqual(['parent']);
      if (t.to === 'approved' && t.from === 'under-review') expect(t.by).toEqual(['approver']);
    }
    expect(findTransition('received', 'approved')).toBeUndefined();
    expect(findTransition('paid', 'withdrawn')).toBeUndefined();
  });

  it('has the same list in the migrated CHECK constraint', () => {
    const dir = new URL('../../../migrations/', import.meta.url);
    const sql = readdirSync(dir)
      .filter((f) => f.endsWith('.sql'))
      .map((f) => readFileSync(new URL(f, dir), 'utf8'))
      .join('\n');
    const line = sql.split('\n').find((l) => l.includes('"benefit_claims_status_check" CHECK'))!;
    expect(line.match(/'([a-z-]+)'/g)?.map((s) => s.slice(1, -1))).toEqual([...CLAIM_STATUSES]);
  });
});
