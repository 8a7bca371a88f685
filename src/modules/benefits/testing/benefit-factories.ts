import { randomUUID } from 'node:crypto';
import type { SubmitApplicationInput } from '../use-cases/submit-application.ts';

/** A fresh child id: tests never share rows. */
export const newChildId = () => `child-${randomUUID()}`;
export const newParentId = () => `parent-${randomUUID()}`;

/** An application for one child living in 板橋区 since birth, paid to a typed account. */
export function applicationFor(
  overrides: Partial<SubmitApplicationInput> & { childId?: string; birthDate?: string; municipalityCode?: string } = {},
): SubmitApplicationInput {
  const municipalityCode = overrides.municipalityCode ?? '131199';
  const birthDate = overrides.birthDate ?? '2025-05-10';
  const { childId = newChildId(), birthDate: _b, ...rest } = overrides;
  return {
    municipalityCode,
    idempotencyKey: randomUUID(),
    fiscalYear: 2025,
    children: [{ childId, facts: { birthDate, residence: [{ municipalityCode, from: birthDate, to: null }] } }],
    bankAccount: {
      source: 'manual',
      bankCode: '0009',
      branchCode: '123',
      accountType: '1',
      accountNumber: '1234567',
      holderKana: 'やまだ　はなこ',
    },
    ...rest,
  };
}

/**
 * The household of a test parent made with `newParentId`: one fresh id per parent, the same on every call, so a
 * test submits with it and reads back as that parent through the household's row-level-security scope.
 */
const households = new Map<string, string>();
export function householdOf(parentId: string): string {
  let id = households.get(parentId);
  if (!id) {
    id = randomUUID();
    households.set(parentId, id);
  }
  return id;
}

/** The benefits actor of a test parent, in their household's scope. */
export const parentOf = (parentId: string) => ({
  kind: 'parent' as const,
  parentId,
  householdId: householdOf(parentId),
});
