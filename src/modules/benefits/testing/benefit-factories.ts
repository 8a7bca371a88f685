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
