import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { decide, scopeOf } from './authorize.ts';

const ADACHI = '131211';
const ITABASHI = '131199';
const screener: Actor = { type: 'staff', id: 's1', municipalityCode: ADACHI, roles: ['nursery-screener'] };
const tokyoAdmin: Actor = { type: 'staff', id: 's2', municipalityCode: '130001', roles: ['municipality-admin'] };
const parent: Actor = { type: 'parent', id: 'p1', householdId: 'h1', municipalityCode: ITABASHI };

describe('decide', () => {
  it('lets staff act in their own municipality only', () => {
    expect(decide(screener, 'household.read', { municipalityCode: ADACHI })).toEqual({
      allowed: true,
      scope: { kind: 'municipality', municipalityCode: ADACHI },
    });
    expect(decide(screener, 'household.read', { municipalityCode: ITABASHI })).toEqual({
      allowed: false,
      reason: 'other-municipality',
    });
  });

  it('refuses a permission none of the roles holds', () => {
    expect(decide(screener, 'registry.approve')).toEqual({ allowed: false, reason: 'no-permission' });
    expect(decide(screener, 'consent.manage')).toEqual({ allowed: false, reason: 'no-permission' });
  });

  it('gives Tokyo-wide staff every municipality', () => {
    expect(decide(tokyoAdmin, 'household.read', { municipalityCode: ITABASHI })).toEqual({
      allowed: true,
      scope: { kind: 'all' },
    });
  });

  it('keeps a parent to their own household', () => {
    expect(decide(parent, 'child.register', { householdId: 'h1' })).toEqual({
      allowed: true,
      scope: { kind: 'household', householdId: 'h1' },
    });
    expect(decide(parent, 'household.read', { householdId: 'h2' })).toEqual({
      allowed: false,
      reason: 'other-household',
    });
    expect(decide(parent, 'staff.invite')).toEqual({ allowed: false, reason: 'no-permission' });
  });

  it('refuses anonymous callers as not signed in', () => {
    expect(decide({ type: 'anonymous' }, 'household.read')).toEqual({ allowed: false, reason: 'not-signed-in' });
    expect(scopeOf({ type: 'anonymous' })).toBeUndefined();
  });

  it('binds nursery and clinic staff to their site', () => {
    const nurse: Actor = { type: 'nursery-staff', id: 'n1', municipalityCode: ADACHI, nurseryId: 'N-1' };
    expect(decide(nurse, 'nursery.manage-slots', { nurseryId: 'N-1' }).allowed).toBe(true);
    expect(decide(nurse, 'nursery.manage-slots', { nurseryId: 'N-2' })).toEqual({
      allowed: false,
      reason: 'other-site',
    });
    const clinic: Actor = { type: 'clinic-staff', id: 'c1', municipalityCode: ADACHI, institutionCode: '1312345678' };
    expect(decide(clinic, 'health-record.read', { institutionCode: '1399999999' }).allowed).toBe(false);
  });
});
