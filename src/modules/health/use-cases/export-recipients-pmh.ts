import { eq } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { subsidyRecipients, subsidySchemes } from '../health.tables.ts';

/**
 * The municipality's recipients in the shape of the PMH registration API (医療費助成対象者情報登録API), so its own
 * system can submit them to the national hub. `myNumber` is left out — Tsunagu never has it; the municipal system adds
 * it by `residentNumber` (宛名番号). Ended periods are exported with isDeleted "1" so the hub drops them too.
 */
export async function exportRecipientsPmh(
  services: AppServices,
  input: { actor: Actor; municipalityCode: string; requestId?: string },
) {
  // In the municipality's scope: row-level security keeps every read and write to that municipality's rows.
  return withTenantScope(
    services.db,
    { kind: 'municipality', municipalityCode: input.municipalityCode },
    async (tx) => {
      const rows = await tx
        .select({ recipient: subsidyRecipients, insurerNumber: subsidySchemes.insurerNumber })
        .from(subsidyRecipients)
        .innerJoin(subsidySchemes, eq(subsidySchemes.id, subsidyRecipients.schemeId))
        .where(eq(subsidyRecipients.municipalityCode, input.municipalityCode))
        .orderBy(subsidyRecipients.residentNumber, subsidyRecipients.validFrom);
      await recordAudit(tx, {
        actor: input.actor,
        action: 'subsidy-recipient.export',
        resource: { type: 'subsidy-recipient', id: null },
        municipalityCode: input.municipalityCode,
        purpose: 'submit medical-subsidy recipients to PMH through the municipal system',
        outcome: 'success',
        requestId: input.requestId,
        detail: { records: rows.length },
      });
      return rows.map(({ recipient: r, insurerNumber }) => ({
        orgSpecificCertificateTypeId: r.certificateTypeId,
        basicFiveInfo: {
          name: r.name,
          nameKana: r.nameKana,
          address: r.address,
          dateOfBirth: r.birthDate,
          sex: r.sex,
        },
        isNotDisclosed: r.isNotDisclosed ? '1' : '0',
        medicalSubsidyInsurerNumber: insurerNumber,
        certificationName: r.certificationName,
        medicalSubsidyRecipientNumber: r.recipientNumber,
        ...(r.maxCopayment ? { maxCopaymentAmount: r.maxCopayment } : {}),
        validFrom: r.validFrom,
        validTo: r.validTo,
        historyKey: r.id,
        isDeleted: r.endedAt ? '1' : '0',
        residentNumber: r.residentNumber,
      }));
    },
  );
}
