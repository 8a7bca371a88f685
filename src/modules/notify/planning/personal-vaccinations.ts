import { sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../../../platform/access/actor.ts';
import { recordAudit } from '../../../platform/audit/record-audit.ts';
import type { AppServices } from '../../../platform/services.ts';
import { childrenWithVaccinationRecords, type HealthDueItem, listHealthDueItems } from '../../health/index.ts';

/** Children per call to health: bounds memory while keeping round trips few. */
const CHUNK = 2000;

/** One line of a child's digest from that child's own vaccination history. */
export interface PersonalVaccinationItem {
  child_id: string;
  code: string;
  ja: string;
  en: string;
}

export interface PersonalVaccinations {
  /** Children whose vaccination lines come from their records (the standard-schedule lines are left out for them). */
  childIds: string[];
  items: PersonalVaccinationItem[];
}

function line(item: HealthDueItem, from: string): PersonalVaccinationItem {
  const overdue = item.recommendedBy < from;
  return {
    child_id: item.childId,
    code: `health.vaccinations.personal:${item.code}`,
    ja: overdue
      ? `予防接種 ${item.labelJa}（標準的な時期を過ぎています。${item.latest}まで定期接種で受けられます）`
      : `予防接種 ${item.labelJa}（${item.earliest}から。${item.recommendedBy}までが標準的です）`,
    en: overdue
      ? `Vaccination: ${item.labelEn} (past the usual time; free as a routine vaccination until ${item.latest})`
      : `Vaccination: ${item.labelEn} (from ${item.earliest}; usually by ${item.recommendedBy})`,
  };
}

/**
 * The month's vaccination lines for the children who have vaccination records, from health's `listHealthDueItems`
 * (which knows late and missed doses): a dose whose window opens this month, and a dose that is late or whose last
 * routine day falls in the month. Only these children go through the per-child schedule engine; everyone else stays
 * on the set-based standard schedule in the planner's SQL. The read of the records is audited once per run.
 */
export async function personalVaccinations(
  services: AppServices,
  input: { municipalityCode: string; monthStart: string; monthEnd: string },
): Promise<PersonalVaccinations> {
  const withRecords = await childrenWithVaccinationRecords(services, { municipalityCode: input.municipalityCode });
  if (withRecords.length === 0) return { childIds: [], items: [] };
  // Birth dates from identity's children (read in SQL like the rest of the planner), children under 19 only.
  const born = await services.db.execute<{ id: string; birth_date: string }>(sql`
    select id, birth_date::text as birth_date from children
     where municipality_code = ${input.municipalityCode} and id in (select jsonb_array_elements_text(${JSON.stringify(withRecords)}::jsonb)::uuid)
       and birth_date <= ${input.monthEnd}::date and birth_date > ${input.monthStart}::date - interval '19 years'`);
  const children = born.rows.map((r) => ({ childId: r.id, birthDate: r.birth_date }));
  const items: PersonalVaccinationItem[] = [];
  for (let i = 0; i < children.length; i += CHUNK) {
    const due = await listHealthDueItems(services, {
      children: children.slice(i, i + CHUNK),
      from: input.monthStart,
      to: input.monthEnd,
    });
    for (const item of due) {
      if (item.kind !== 'vaccination') continue;
      const opensThisMonth = item.earliest >= input.monthStart && item.earliest <= input.monthEnd;
      if (opensThisMonth || item.urgent) items.push(line(item, input.monthStart));
    }
  }
  await recordAudit(services.db, {
    actor: SYSTEM_ACTOR,
    action: 'health-vaccination-record.read',
    resource: { type: 'health-vaccination-records', id: input.municipalityCode },
    municipalityCode: input.municipalityCode,
    purpose: 'monthly vaccination reminders (notify digest)',
    outcome: 'success',
    detail: { children: children.length, items: items.length, month: input.monthStart.slice(0, 7) },
  });
  return { childIds: children.map((c) => c.childId), items };
}
