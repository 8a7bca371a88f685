import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import type { AppServices } from '../../../platform/services.ts';
import { recipientImports, subsidyRecipients, subsidySchemes } from '../health.tables.ts';
import { type RecipientFileFormat, readRecipientFile } from '../subsidies/recipient-file.ts';
import { type RecipientRecord, type RowError, validateRecipients } from '../subsidies/validate-recipients.ts';

export interface ImportRecipientsInput {
  actor: Actor;
  municipalityCode: string;
  fileName: string;
  format: RecipientFileFormat;
  bytes: Uint8Array;
  requestId?: string;
}

export interface ImportReport {
  importId: string | null;
  rows: number;
  added: number;
  changed: number;
  ended: number;
  unchanged: number;
  errors: RowError[];
}

/** Fields whose change makes a record "changed" in the diff (everything a clinic or the PMH export would see). */
const COMPARED = [
  'residentNumber',
  'name',
  'nameKana',
  'birthDate',
  'sex',
  'address',
  'certificationName',
  'certificateTypeId',
  'isNotDisclosed',
  'validTo',
] as const;

/**
 * Imports 受給者 from a municipality's file (CSV in UTF-8 or Shift_JIS, or PMH-shaped JSON). Every row and field is
 * validated first; with any error nothing is applied and the report lists them all. Otherwise the file is applied in
 * one transaction: new 受給者証 periods are added, restated ones updated, deleted ones ended — with one audit event.
 */
export async function importRecipients(services: AppServices, input: ImportRecipientsInput): Promise<ImportReport> {
  const rows = readRecipientFile(input.bytes, input.format);
  // In the municipality's scope: row-level security keeps every read and write to that municipality's rows.
  return withTenantScope(
    services.db,
    { kind: 'municipality', municipalityCode: input.municipalityCode },
    async (tx) => {
      const schemes = await tx
        .select()
        .from(subsidySchemes)
        .where(eq(subsidySchemes.municipalityCode, input.municipalityCode));
      const schemeByInsurer = new Map(schemes.map((s) => [s.insurerNumber, s]));
      const insurerBySchemeId = new Map(schemes.map((s) => [s.id, s.insurerNumber]));
      const recipientNumbers = [...new Set(rows.map((r) => String(r.fields.recipientNumber ?? '')))];
      const current =
        schemes.length === 0 || recipientNumbers.length === 0
          ? []
          : await tx
              .select()
              .from(subsidyRecipients)
              .where(
                and(
                  eq(subsidyRecipients.municipalityCode, input.municipalityCode),
                  inArray(subsidyRecipients.recipientNumber, recipientNumbers),
                  isNull(subsidyRecipients.endedAt),
                ),
              )
              // Locks the periods we compare against, so two imports of overlapping files cannot both pass.
              .for('update');
      const existing = current.map((c) => ({ ...c, insurerNumber: insurerBySchemeId.get(c.schemeId) ?? '' }));
      const { records, errors } = validateRecipients(rows, schemeByInsurer, existing);
      const report: ImportReport = {
        importId: null,
        rows: rows.length,
        added: 0,
        changed: 0,
        ended: 0,
        unchanged: 0,
        errors,
      };
      if (errors.length > 0) return report;

      const [importRow] = await tx
        .insert(recipientImports)
        .values({
          municipalityCode: input.municipalityCode,
          fileName: input.fileName,
          format: input.format,
          summary: { added: 0, changed: 0, ended: 0, unchanged: 0 },
          importedBy: `${input.actor.type}:${input.actor.id ?? ''}`,
        })
        .returning({ id: recipientImports.id });
      const importId = (importRow as { id: string }).id;
      const byKey = new Map(existing.map((e) => [`${e.insurerNumber}/${e.recipientNumber}/${e.validFrom}`, e]));

      for (const record of records) {
        const scheme = schemeByInsurer.get(record.insurerNumber);
        if (!scheme) continue; // validated above
        const found = byKey.get(`${record.insurerNumber}/${record.recipientNumber}/${record.validFrom}`);
        if (record.isDeleted) {
          if (found) {
            await tx
              .update(subsidyRecipients)
              .set({ endedAt: services.now(), importId, updatedAt: services.now() })
              .where(eq(subsidyRecipients.id, found.id));
            report.ended++;
          } else report.unchanged++;
          continue;
        }
        const values = toColumns(record, input.municipalityCode, scheme.id, importId);
        if (!found) {
          await tx.insert(subsidyRecipients).values(values);
          report.added++;
        } else if (COMPARED.some((field) => found[field] !== record[field])) {
          await tx
            .update(subsidyRecipients)
            .set({ ...values, updatedAt: services.now() })
            .where(eq(subsidyRecipients.id, found.id));
          report.changed++;
        } else report.unchanged++;
      }

      const summary = {
        added: report.added,
        changed: report.changed,
        ended: report.ended,
        unchanged: report.unchanged,
      };
      await tx.update(recipientImports).set({ summary }).where(eq(recipientImports.id, importId));
      await recordAudit(tx, {
        actor: input.actor,
        action: 'subsidy-recipient.import',
        resource: { type: 'subsidy-recipient-import', id: importId },
        municipalityCode: input.municipalityCode,
        purpose: 'register medical-subsidy recipients from the municipal system',
        outcome: 'success',
        requestId: input.requestId,
        detail: { rows: rows.length, ...summary, format: input.format },
      });
      return { ...report, importId };
    },
  );
}

function toColumns(record: RecipientRecord, municipalityCode: string, schemeId: string, importId: string) {
  return {
    municipalityCode,
    schemeId,
    recipientNumber: record.recipientNumber,
    residentNumber: record.residentNumber,
    name: record.name,
    nameKana: record.nameKana,
    birthDate: record.birthDate,
    sex: record.sex,
    address: record.address,
    certificationName: record.certificationName,
    certificateTypeId: record.certificateTypeId,
    isNotDisclosed: record.isNotDisclosed,
    maxCopayment: record.maxCopayment,
    validFrom: record.validFrom,
    validTo: record.validTo,
    importId,
  };
}
