import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { authorize, scopeOf } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { AppError, forbidden } from '../../../platform/http/app-error.ts';
import type { AppServices } from '../../../platform/services.ts';
import { getHousehold } from '../../identity/index.ts';
import { civilDateSchema } from '../benefits.schemas.ts';
import { parseInput } from '../input-validation.ts';
import { todayInTokyo } from '../use-cases/household-benefits.ts';
import './birth-events.ts';
import { birthReports } from './birth-reports.tables.ts';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v.length > 0, { message: 'Required', params: { ja: '入力してください' } });

export const birthReportSchema = z.object({
  householdId: z.string().refine((v) => z.uuid().safeParse(v).success, {
    message: 'Enter the household id',
    params: { ja: '世帯IDを入力してください' },
  }),
  childName: text(100),
  childNameKana: text(100).refine((v) => /^[\u3041-\u3096\u30A1-\u30FAー・\s　]+$/.test(v), {
    message: 'Write the reading in kana',
    params: { ja: 'ふりがなはひらがなかカタカナで入力してください' },
  }),
  birthDate: civilDateSchema,
  sex: z.enum(['male', 'female', 'unspecified']),
  parents: z
    .array(z.object({ name: text(100), relationship: z.enum(['mother', 'father']) }))
    .min(1)
    .max(2),
  address: text(200),
});
export type BirthReportInput = z.input<typeof birthReportSchema>;

const compact = (name: string) => name.replaceAll(/[\s　]/g, '');

/**
 * Municipal staff enter a 出生届. The household is read through identity (permission and municipality checked
 * there, audited); at least one parent named on the report must be a guardian of that household, so a mistyped
 * household id does not put a child in front of the wrong family. Raises `birth.reported` in the same transaction.
 */
export async function reportBirth(
  services: AppServices,
  input: { actor: Actor; report: BirthReportInput; requestId?: string | null },
) {
  const report = parseInput(birthReportSchema, input.report);
  if (report.birthDate > todayInTokyo(services.now()).toString()) {
    throw new AppError(
      'date-in-future',
      400,
      { en: 'The birth date is in the future.', ja: '出生日が未来の日付です。' },
      [{ field: 'body.birthDate', message: 'The birth date is in the future', messageJa: '出生日が未来の日付です' }],
    );
  }
  const ctx = { db: services.db, requestId: input.requestId };
  const household = await getHousehold(
    { services, actor: input.actor, requestId: input.requestId },
    { householdId: report.householdId, purpose: 'birth report' },
  );
  await authorize(ctx, input.actor, 'birth-report.enter', {
    municipalityCode: household.municipalityCode,
    resource: { type: 'household', id: household.id },
  });
  const known = new Set(household.parents.map((p) => compact(p.name)));
  if (!report.parents.some((p) => known.has(compact(p.name)))) {
    throw new AppError(
      'parent-not-in-household',
      422,
      {
        en: 'None of the parents on the report is a guardian of this household.',
        ja: '届出の父母のどちらもこの世帯の保護者ではありません。',
      },
      [
        {
          field: 'body.parents',
          message: 'Not a guardian of this household',
          messageJa: 'この世帯の保護者ではありません',
        },
      ],
    );
  }
  // The staff member's own scope: the insert's municipality must be one row-level security lets them write.
  const scope = scopeOf(input.actor);
  if (!scope) throw forbidden();
  return withTenantScope(services.db, scope, async (tx) => {
    const [row] = await tx
      .insert(birthReports)
      .values({
        municipalityCode: household.municipalityCode,
        householdId: household.id,
        childName: report.childName,
        childNameKana: report.childNameKana,
        birthDate: report.birthDate,
        sex: report.sex,
        parents: report.parents,
        address: report.address,
        reportedBy: input.actor.id ?? 'unknown',
        reportedAt: services.now(),
      })
      .returning();
    await recordAudit(tx, {
      actor: input.actor,
      action: 'birth-report.create',
      resource: { type: 'birth-report', id: row!.id },
      municipalityCode: household.municipalityCode,
      purpose: '出生届 entered',
      outcome: 'success',
      requestId: input.requestId,
    });
    await services.events.publish(
      tx,
      'birth.reported',
      { birthReportId: row!.id, householdId: household.id, birthDate: report.birthDate },
      { municipalityCode: household.municipalityCode, requestId: input.requestId },
    );
    return row!;
  });
}
