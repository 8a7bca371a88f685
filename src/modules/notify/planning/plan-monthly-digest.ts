import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { AppServices } from '../../../platform/services.ts';
import { deliveriesForInsertedMessagesSql } from '../delivery/ledger-sql.ts';
import { latestTemplate, type TemplateVersion } from '../templates/latest-templates.ts';
import { personalVaccinations } from './personal-vaccinations.ts';
import { childScheduleValues, pregnancyScheduleValues, routineVaccinationSource } from './schedule-notice-source.ts';

/** The registry's code for programs Tokyo runs for every municipality. */
const TOKYO_WIDE = '130001';
/** A digest lists at most this many programs; the rest are one tap away in the registry search. */
const MAX_PROGRAMS = 10;
const SOON_DAYS = 14;

export interface DigestPlanInput {
  /** 'YYYY-MM' */
  month: string;
  municipalityCode: string;
}

export interface DigestPlanResult {
  childMessages: number;
  pregnancyMessages: number;
  /** One message per monthly-digest parent who had notices held since their last digest. */
  heldDigests: number;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function monthLabels(month: string): { ja: string; en: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return { ja: `${year}年${m}月`, en: `${EN_MONTHS[m - 1]} ${year}` };
}

/** SQL that fills a template text (a bound parameter) from SQL expressions, one replace() per variable. */
function fill(text: string, values: Record<string, string>) {
  let expression = sql`${text}::text`;
  for (const [name, value] of Object.entries(values)) {
    expression = sql`replace(${expression}, ${`((${name}))`}, ${sql.raw(value)})`;
  }
  return expression;
}

function byLanguage(
  template: TemplateVersion,
  field: 'title' | 'body',
  values: { ja: Record<string, string>; en: Record<string, string> },
  month: { ja: string; en: string },
) {
  const ja = fill(field === 'title' ? template.titleJa : template.bodyJa, { ...values.ja, month: `'${month.ja}'` });
  const en = fill(field === 'title' ? template.titleEn : template.bodyEn, { ...values.en, month: `'${month.en}'` });
  return sql`case when coalesce(pref.language, 'ja') = 'en' then ${en} else ${ja} end`;
}

/**
 * The monthly digest of one municipality, planned set-based inside PostgreSQL: one INSERT … SELECT per kind that
 * joins children (identity) with published programs (registry) and writes the messages and their ledger rows in the
 * same statement. Rules, recorded per program in each message's `why`:
 * - `age-window-entered`: the child reaches the program's minimum age (in months) during the month;
 * - `procedure-ends-soon`: the child is inside the program's age window and its application period ends within 14
 *   days of the month's start;
 * - `schedule-window-opens`: a 乳幼児健診 (or another ScheduleNoticeSource item) opens at the age the child reaches;
 * - `vaccination-due`: for children with vaccination records, the doses health's `listHealthDueItems` finds open
 *   this month or late (their own dates after late or missed doses) replace the standard vaccination months;
 * - pregnancies: 妊婦健診 visits that fall in the month, and prenatal programs, with the pregnancy week.
 * Age in months counts calendar months from the birth month (the registry's windows are stated in months).
 * Re-running a month writes nothing new: (parent, 'digest', '<month>:<child>') is unique.
 */
export async function planMonthlyDigest(services: AppServices, input: DigestPlanInput): Promise<DigestPlanResult> {
  const monthStart = `${input.month}-01`;
  const labels = monthLabels(input.month);
  const now = services.now();
  const nowSql = `'${now.toISOString()}'::timestamptz`;
  const childTemplate = await latestTemplate(services.db, 'monthly-digest');
  const pregnancyTemplate = await latestTemplate(services.db, 'pregnancy-digest');
  const heldTemplate = await latestTemplate(services.db, 'held-digest');
  const monthEnd = Temporal.PlainDate.from(monthStart).add({ months: 1 }).subtract({ days: 1 }).toString();
  const personal = await personalVaccinations(services, {
    municipalityCode: input.municipalityCode,
    monthStart,
    monthEnd,
  });

  return services.db.transaction(async (tx) => {
    const children = await tx.execute(sql`
      with params as (
        select ${monthStart}::date as ms, (${monthStart}::date + interval '1 month')::date as me
      ), progs as materialized (
        select id, name, municipality_code, age_min_months, age_max_months, procedure_to
          from registry_programs
         where status = 'published' and not prenatal and municipality_code in (${input.municipalityCode}, ${TOKYO_WIDE})
      ), kids as (
        select c.id, c.name, c.household_id, c.municipality_code,
               ((extract(year from p.ms) * 12 + extract(month from p.ms))
                 - (extract(year from c.birth_date) * 12 + extract(month from c.birth_date)))::int as age_m
          from children c, params p
         where c.municipality_code = ${input.municipalityCode}
           and c.birth_date < p.me and c.birth_date > p.ms - interval '19 years'
      ), sched as (
        select * from jsonb_to_recordset(${JSON.stringify(childScheduleValues())}::jsonb)
          as s(code text, ja text, en text, months int)
      ), personal_kids as materialized (
        select jsonb_array_elements_text(${JSON.stringify(personal.childIds)}::jsonb)::uuid as id
      ), personal_items as (
        select * from jsonb_to_recordset(${JSON.stringify(personal.items)}::jsonb)
          as p(child_id uuid, code text, ja text, en text)
      ), matches as (
        -- Children with vaccination records get their own due doses instead of the standard vaccination months.
        select k.id as child_id, s.code as item_id, s.ja, s.en, 'schedule-window-opens' as rule, 0 as ord
          from kids k join sched s on s.months = k.age_m
         where not (s.code like ${`${routineVaccinationSource.id}:%`} and exists (select 1 from personal_kids pk where pk.id = k.id))
        union all
        select k.id, p.code, p.ja, p.en, 'vaccination-due', 0
          from personal_items p join kids k on k.id = p.child_id
        union all
        select k.id, g.id::text, g.name, g.name, 'age-window-entered', 1
          from kids k join progs g on g.age_min_months = k.age_m
        union all
        select k.id, g.id::text, g.name, g.name, 'procedure-ends-soon', 2
          from progs g cross join params p
          join kids k on k.age_m >= coalesce(g.age_min_months, 0) and k.age_m < coalesce(g.age_max_months, 10000)
         where g.procedure_to >= p.ms and g.procedure_to < p.ms + ${SOON_DAYS}::int
           and coalesce(g.age_min_months, -1) <> k.age_m
      ), ranked as (
        select m.*, row_number() over (partition by m.child_id order by m.ord, m.ja, m.item_id) as n
          from matches m
      ), per_child as (
        select child_id,
               string_agg('・' || ja, E'\\n' order by n) as list_ja,
               string_agg('・' || en, E'\\n' order by n) as list_en,
               jsonb_agg(jsonb_build_object('id', item_id, 'name', ja, 'nameEn', en, 'rule', rule) order by n) as programs
          from ranked where n <= ${MAX_PROGRAMS}::int group by child_id
      ), inserted as (
        insert into notify_messages (parent_id, household_id, municipality_code, source, occurrence, category,
          template_key, template_version, language, title, body, link_path, why, urgent, created_at)
        select r.parent_id, k.household_id, k.municipality_code, 'digest', ${input.month} || ':' || k.id, 'programs',
               'monthly-digest', ${childTemplate.version}, coalesce(pref.language, 'ja'),
               ${byLanguage(childTemplate, 'title', { ja: { child_name: 'k.name' }, en: { child_name: 'k.name' } }, labels)},
               ${byLanguage(
                 childTemplate,
                 'body',
                 {
                   ja: { child_name: 'k.name', programs: 'pc.list_ja' },
                   en: { child_name: 'k.name', programs: 'pc.list_en' },
                 },
                 labels,
               )},
               '/registry',
               jsonb_build_object('rule', 'monthly-digest', 'childId', k.id, 'ageMonths', k.age_m, 'programs', pc.programs),
               false, ${now}
          from per_child pc
          join kids k on k.id = pc.child_id
          join household_relationships r on r.child_id = k.id
          left join notify_preferences pref on pref.parent_id = r.parent_id
         where not coalesce('programs' = any(pref.unsubscribed_categories), false)
        on conflict (parent_id, source, occurrence) do nothing
        returning *
      ), ledger as (
        ${sql.raw(deliveriesForInsertedMessagesSql('inserted', nowSql))}
        returning 1
      )
      select (select count(*) from inserted)::int as messages`);

    const pregnancies = await tx.execute(sql`
      with params as (select ${monthStart}::date as ms, (${monthStart}::date + interval '1 month')::date as me),
      progs as materialized (
        select id, name from registry_programs, params p
         where status = 'published' and prenatal and municipality_code in (${input.municipalityCode}, ${TOKYO_WIDE})
           and (procedure_to is null or procedure_to >= p.ms)
         order by name, id limit ${MAX_PROGRAMS}::int
      ), sched as (
        select * from jsonb_to_recordset(${JSON.stringify(pregnancyScheduleValues())}::jsonb)
          as s(code text, ja text, en text, week int)
      ), preg as (
        select g.id, g.parent_id, g.household_id, g.municipality_code,
               (40 - ceil((g.expected_delivery_date - p.ms) / 7.0))::int as week,
               (40 - ceil((g.expected_delivery_date - p.me) / 7.0))::int as week_end
          from pregnancies g, params p
         where g.municipality_code = ${input.municipalityCode} and g.status = 'expecting'
           and g.expected_delivery_date >= p.ms
      ), items as (
        select g.id as preg_id, s.code as item_id, s.ja, s.en, 'prenatal-visit' as rule, 0 as ord
          from preg g join sched s on s.week >= g.week and s.week < g.week_end
        union all
        select g.id, p.id::text, p.name, p.name, 'pregnancy', 1 from preg g cross join progs p
      ), per_preg as (
        select preg_id,
               string_agg('・' || ja, E'\\n' order by ord, ja) as list_ja,
               string_agg('・' || en, E'\\n' order by ord, ja) as list_en,
               jsonb_agg(jsonb_build_object('id', item_id, 'name', ja, 'nameEn', en, 'rule', rule) order by ord, ja) as programs
          from items group by preg_id
      ), inserted as (
        insert into notify_messages (parent_id, household_id, municipality_code, source, occurrence, category,
          template_key, template_version, language, title, body, link_path, why, urgent, created_at)
        select g.parent_id, g.household_id, g.municipality_code, 'digest', ${input.month} || ':pregnancy:' || g.id,
               'programs', 'pregnancy-digest', ${pregnancyTemplate.version}, coalesce(pref.language, 'ja'),
               ${byLanguage(
                 pregnancyTemplate,
                 'title',
                 {
                   ja: { pregnancy_week: 'greatest(g.week, 1)::text' },
                   en: { pregnancy_week: 'greatest(g.week, 1)::text' },
                 },
                 labels,
               )},
               ${byLanguage(
                 pregnancyTemplate,
                 'body',
                 {
                   ja: { pregnancy_week: 'greatest(g.week, 1)::text', programs: 'pp.list_ja' },
                   en: { pregnancy_week: 'greatest(g.week, 1)::text', programs: 'pp.list_en' },
                 },
                 labels,
               )},
               '/registry',
               jsonb_build_object('rule', 'pregnancy-digest', 'pregnancyWeek', greatest(g.week, 1), 'programs', pp.programs),
               false, ${now}
          from preg g join per_preg pp on pp.preg_id = g.id
          left join notify_preferences pref on pref.parent_id = g.parent_id
         where not coalesce('programs' = any(pref.unsubscribed_categories), false)
        on conflict (parent_id, source, occurrence) do nothing
        returning *
      ), ledger as (
        ${sql.raw(deliveriesForInsertedMessagesSql('inserted', nowSql))}
        returning 1
      )
      select (select count(*) from inserted)::int as messages`);

    const held = await tx.execute(sql`
      with waiting as (
        select * from notify_held_notices
         where municipality_code = ${input.municipalityCode} and folded_month is null and created_at <= ${now}
      ), per_parent as (
        select parent_id, household_id, municipality_code, count(*)::int as n,
               mode() within group (order by category) as category,
               string_agg('・' || title || E'\n' || body, E'\n\n' order by created_at, id) as list,
               jsonb_agg(jsonb_build_object('id', source || ':' || occurrence, 'name', title, 'rule', source)
                         order by created_at, id) as notices
          from waiting group by parent_id, household_id, municipality_code
      ), inserted as (
        insert into notify_messages (parent_id, household_id, municipality_code, source, occurrence, category,
          template_key, template_version, language, title, body, link_path, why, urgent, created_at)
        select w.parent_id, w.household_id, w.municipality_code, 'digest', ${input.month} || ':held', w.category,
               'held-digest', ${heldTemplate.version}, coalesce(pref.language, 'ja'),
               ${byLanguage(heldTemplate, 'title', { ja: { count: 'w.n::text' }, en: { count: 'w.n::text' } }, labels)},
               ${byLanguage(
                 heldTemplate,
                 'body',
                 { ja: { count: 'w.n::text', notices: 'w.list' }, en: { count: 'w.n::text', notices: 'w.list' } },
                 labels,
               )},
               '/notify',
               jsonb_build_object('rule', 'held-notices', 'programs', w.notices, 'detail', w.n::text),
               false, ${now}
          from per_parent w
          left join notify_preferences pref on pref.parent_id = w.parent_id
        on conflict (parent_id, source, occurrence) do nothing
        returning *
      ), ledger as (
        ${sql.raw(deliveriesForInsertedMessagesSql('inserted', nowSql))}
        returning 1
      ), folded as (
        update notify_held_notices h set folded_month = ${input.month}, folded_into = i.id
          from inserted i
         where h.parent_id = i.parent_id and h.id in (select id from waiting)
        returning 1
      )
      select (select count(*) from inserted)::int as messages`);

    return {
      childMessages: Number(children.rows[0]?.messages ?? 0),
      pregnancyMessages: Number(pregnancies.rows[0]?.messages ?? 0),
      heldDigests: Number(held.rows[0]?.messages ?? 0),
    };
  });
}
