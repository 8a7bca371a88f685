import { and, eq, gte, isNull, lte } from 'drizzle-orm';
import type { ScopedTx } from '../../../platform/db/tenant-scope.ts';
import { subsidyRecipients, subsidySchemes } from '../health.tables.ts';
import { childLinks } from './clinic.tables.ts';

export interface ActiveSubsidy {
  id: string;
  insurerNumber: string;
  recipientNumber: string;
  schemeName: string;
  schemeNameEn: string;
  validFrom: string;
  validTo: string;
  copay: { kind: 'none' | 'per-visit'; outpatientYen: number; note?: string | undefined };
}

/**
 * A child's 受給者証 in force on a day: through the health-owned link from the platform child to the municipality's
 * resident number (宛名番号), which is how the municipality's import keys its recipients.
 */
export async function activeSubsidies(tx: ScopedTx, childId: string, visitDate: string): Promise<ActiveSubsidy[]> {
  const rows = await tx
    .select({
      id: subsidyRecipients.id,
      insurerNumber: subsidySchemes.insurerNumber,
      recipientNumber: subsidyRecipients.recipientNumber,
      schemeName: subsidySchemes.nameJa,
      schemeNameEn: subsidySchemes.nameEn,
      validFrom: subsidyRecipients.validFrom,
      validTo: subsidyRecipients.validTo,
      copay: subsidySchemes.copay,
    })
    .from(childLinks)
    .innerJoin(
      subsidyRecipients,
      and(
        eq(subsidyRecipients.municipalityCode, childLinks.municipalityCode),
        eq(subsidyRecipients.residentNumber, childLinks.residentNumber),
      ),
    )
    .innerJoin(subsidySchemes, eq(subsidySchemes.id, subsidyRecipients.schemeId))
    .where(
      and(
        eq(childLinks.childId, childId),
        isNull(subsidyRecipients.endedAt),
        lte(subsidyRecipients.validFrom, visitDate),
        gte(subsidyRecipients.validTo, visitDate),
      ),
    )
    .orderBy(subsidySchemes.insurerNumber);
  return rows.map((r) => ({
    ...r,
    copay: {
      kind: r.copay.kind,
      outpatientYen: r.copay.kind === 'none' ? 0 : (r.copay.outpatientYen ?? 0),
      note: r.copay.note,
    },
  }));
}
