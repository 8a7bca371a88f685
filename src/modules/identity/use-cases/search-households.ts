import { and, asc, eq, ilike, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { authorize } from '../../../platform/access/authorize.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { badRequest } from '../../../platform/http/app-error.ts';
import { parents } from '../tables/household.tables.ts';
import type { UseCaseContext } from './use-case-context.ts';

export interface HouseholdMatch {
  householdId: string;
  parentName: string;
  parentBirthDate: string | null;
  address: string | null;
  municipalityCode: string;
}

const MAX_MATCHES = 20;
const criteriaSchema = z.object({
  name: z.string().trim().max(100).optional(),
  address: z.string().trim().max(200).optional(),
  birthDate: z.iso.date().optional(),
});

/** `%` and `_` typed by staff are searched for literally, not as wildcards. */
const contains = (text: string) => `%${text.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Staff find a household by a guardian's name, address (parts of either) and birth date, inside their own
 * municipality (the tenant scope and the RLS policies on `parents` keep it there; Tokyo-wide staff: all). At most
 * 20 matches; each household shown is an audited read, and the search itself records its criteria count.
 * Guardians' kana are not kept by identity (the card gives the name), so kana is not a criterion.
 * Added for the benefits birth-report form, which used to ask for the household id.
 */
export async function searchHouseholds(
  ctx: UseCaseContext,
  input: { name?: string; address?: string; birthDate?: string; purpose: string },
): Promise<HouseholdMatch[]> {
  const { services, actor, requestId } = ctx;
  const parsed = criteriaSchema.safeParse(input);
  if (!parsed.success) {
    throw badRequest('invalid-search', 'query.birthDate', {
      en: 'Enter the birth date as a date (YYYY-MM-DD).',
      ja: '生年月日は日付（年-月-日）で入力してください。',
    });
  }
  const { name, address, birthDate } = parsed.data;
  const conditions: SQL[] = [];
  if (name) conditions.push(ilike(parents.name, contains(name)));
  if (address) conditions.push(ilike(parents.address, contains(address)));
  if (birthDate) conditions.push(eq(parents.birthDate, birthDate));
  if (conditions.length === 0) {
    throw badRequest('search-criteria-required', 'query.name', {
      en: 'Enter a guardian’s name, address or birth date.',
      ja: '保護者の氏名・住所・生年月日のいずれかを入力してください。',
    });
  }
  const scope = await authorize({ db: services.db, requestId }, actor, 'household.read', {
    resource: { type: 'household' },
  });
  if (scope.kind === 'municipality') conditions.push(eq(parents.municipalityCode, scope.municipalityCode));
  return withTenantScope(services.db, scope, async (tx) => {
    const rows = await tx
      .select({
        householdId: parents.householdId,
        parentName: parents.name,
        parentBirthDate: parents.birthDate,
        address: parents.address,
        municipalityCode: parents.municipalityCode,
      })
      .from(parents)
      .where(and(...conditions))
      .orderBy(asc(parents.name), asc(parents.id))
      .limit(MAX_MATCHES);
    for (const row of rows) {
      await recordAudit(tx, {
        actor,
        action: 'household.read',
        resource: { type: 'household', id: row.householdId },
        municipalityCode: row.municipalityCode,
        purpose: `${input.purpose} (search result)`,
        outcome: 'success',
        requestId,
        detail: { criteria: conditions.length },
      });
    }
    return rows;
  });
}
