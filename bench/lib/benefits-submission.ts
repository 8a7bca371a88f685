import { randomUUID } from 'node:crypto';
import type { SubmitApplicationInput } from '../../src/modules/benefits/use-cases/submit-application.ts';

const MUNICIPALITIES = ['131016', '131041', '131130', '131199', '131121', '132012'];

/** One newborn's application: 018サポート + 赤ちゃんファースト, so every submission opens two claims. */
export function newbornApplication(i: number): { parentId: string; application: SubmitApplicationInput } {
  const municipalityCode = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
  const day = String((i % 28) + 1).padStart(2, '0');
  const birthDate = `2025-0${(i % 5) + 4}-${day}`;
  return {
    parentId: `bench-parent-${randomUUID()}`,
    application: {
      municipalityCode,
      idempotencyKey: randomUUID(),
      fiscalYear: 2025,
      children: [
        {
          childId: `bench-child-${randomUUID()}`,
          facts: { birthDate, residence: [{ municipalityCode, from: birthDate, to: null }] },
        },
      ],
      bankAccount: {
        source: 'manual',
        bankCode: '0009',
        branchCode: '123',
        accountType: '1',
        accountNumber: String(1000000 + (i % 9000000)),
        holderKana: 'ヤマダ ハナコ',
      },
    },
  };
}
