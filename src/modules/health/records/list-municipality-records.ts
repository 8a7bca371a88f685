import { sql } from 'drizzle-orm';
import { authorize } from '../../../platform/access/authorize.ts';
import { auditEvents } from '../../../platform/audit/audit.tables.ts';
import { withTenantScope } from '../../../platform/db/tenant-scope.ts';
import { forbidden } from '../../../platform/http/app-error.ts';
import { plainDate } from '../../../platform/time/civil-age.ts';
import { dayFromIso } from '../../../platform/time/civil-days.ts';
import { tokyoToday } from '../../../platform/time/today.ts';
import type { UseCaseContext } from '../../identity/index.ts';
import { infantCheckups } from '../checkups/checkup-schedule.ts';
import { compiledSchedule, DOSE_STATUSES, evaluateChildInto, fillGiven, SLOTS } from '../vaccination/evaluate-doses.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';

export const RECORD_FILTERS = ['all', 'overdue', 'checkup-missed'] as const;
export type RecordFilter = (typeof RECORD_FILTERS)[number];
export const PAGE_SIZE = 50;
const DUE = DOSE_STATUSES.indexOf('due');
const OVERDUE = DOSE_STATUSES.indexOf('overdue');

export interface ChildRecordSummary {
  childId: string;
  residentNumber: string;
  /** From the municipality's own recipient file (health never reads identity's tables); null when not imported. */
  name: string | null;
  birthDate: string | null;
  vaccinations: number;
  overdueDoses: number;
  dueDoses: number;
  checkupsDone: number;
  checkupsMissed: number;
}

interface Row {
  child_id: string;
  resident_number: string;
  name: string | null;
  birth_date: string | null;
  doses: { vaccine: string; dose: number; givenOn: string }[];
  checkups: string[];
}

/**
 * The health officer's list of the municipality's linked children with their vaccination and check-up status, in the
 * municipality's scope (row-level security), filtered and paged. Each child shown is audited, so the parent sees the
 * municipality's look in 「このデータを見た人」.
 */
export async function listMunicipalityRecords(
  ctx: UseCaseContext,
  schedule: RoutineSchedule,
  input: { query: string; filter: RecordFilter; page: number },
): Promise<{ children: ChildRecordSummary[]; hasMore: boolean }> {
  const { services, actor, requestId } = ctx;
  if (actor.type !== 'staff' || !actor.municipalityCode) throw forbidden();
  const municipalityCode = actor.municipalityCode;
  const scope = await authorize({ db: services.db, requestId }, actor, 'health-record.read', {
    municipalityCode,
    resource: { type: 'health-records' },
  });
  const today = tokyoToday(services.now());
  const like = `%${input.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return withTenantScope(services.db, scope, async (tx) => {
    // Status filters need the engine, so a filtered page reads a wider window and keeps the matches.
    const scan = input.filter === 'all' ? PAGE_SIZE + 1 : 2000;
    const result = (await tx.execute(sql`
      select l.child_id, l.resident_number, r.name, r.birth_date,
             coalesce((select json_agg(json_build_object('vaccine', v.vaccine, 'dose', v.dose, 'givenOn', v.given_on))
                       from health_vaccination_records v where v.child_id = l.child_id), '[]') as doses,
             coalesce((select json_agg(c.checkup_code) from health_checkup_results c
                       where c.subject_id = l.child_id and c.kind = 'infant'), '[]') as checkups
      from health_child_links l
      left join lateral (select name, birth_date from health_subsidy_recipients s
                         where s.municipality_code = l.municipality_code and s.resident_number = l.resident_number
                         order by s.valid_to desc limit 1) r on true
      where l.municipality_code = ${municipalityCode}
        and (${input.query} = '' or l.resident_number ilike ${like} or r.name ilike ${like})
      order by l.resident_number
      offset ${input.filter === 'all' ? input.page * PAGE_SIZE : 0} limit ${scan}`)) as unknown as { rows: Row[] };
    const c = compiledSchedule(schedule);
    const given = new Int32Array(c.count);
    const out = new Int32Array(c.count * SLOTS);
    const asOf = dayFromIso(today);
    let summaries = result.rows.map((row): ChildRecordSummary => {
      let overdueDoses = 0;
      let dueDoses = 0;
      let checkupsMissed = 0;
      if (row.birth_date) {
        const history = row.doses.map((d) => ({ vaccine: d.vaccine, dose: d.dose, date: dayFromIso(d.givenOn) }));
        evaluateChildInto(c, dayFromIso(row.birth_date), fillGiven(c, history, given), asOf, out);
        for (let o = 0; o < out.length; o += SLOTS) {
          if (out[o] === OVERDUE) overdueDoses++;
          else if (out[o] === DUE) dueDoses++;
        }
        checkupsMissed = infantCheckups(plainDate(row.birth_date), plainDate(today), new Set(row.checkups)).filter(
          (k) => k.status === 'missed',
        ).length;
      }
      return {
        childId: row.child_id,
        residentNumber: row.resident_number,
        name: row.name,
        birthDate: row.birth_date,
        vaccinations: row.doses.length,
        overdueDoses,
        dueDoses,
        checkupsDone: row.checkups.length,
        checkupsMissed,
      };
    });
    if (input.filter === 'overdue') summaries = summaries.filter((s) => s.overdueDoses > 0);
    if (input.filter === 'checkup-missed') summaries = summaries.filter((s) => s.checkupsMissed > 0);
    if (input.filter !== 'all') summaries = summaries.slice(input.page * PAGE_SIZE);
    const hasMore = summaries.length > PAGE_SIZE;
    const shown = summaries.slice(0, PAGE_SIZE);
    if (shown.length > 0) {
      await tx.insert(auditEvents).values(
        shown.map((s) => ({
          actorType: actor.type,
          actorId: actor.id ?? null,
          action: 'health-record.list',
          resourceType: 'child',
          resourceId: s.childId,
          municipalityCode,
          purpose: 'municipal health records: vaccination and check-up status',
          outcome: 'success' as const,
          requestId: requestId ?? null,
          detail: { filter: input.filter },
        })),
      );
    }
    return { children: shown, hasMore };
  });
}
