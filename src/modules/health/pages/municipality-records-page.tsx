import type { Lang } from '../../../platform/i18n/i18n.ts';
import { defineMessages } from '../../../platform/i18n/i18n.ts';
import type { ChildRecordSummary, RecordFilter } from '../records/list-municipality-records.ts';

const messages = defineMessages({
  ja: {
    title: '母子保健の記録（区市町村）',
    lead: '宛名番号で結び付いた子どもの予防接種・乳幼児健診の状況です。表示した記録は閲覧として記録されます。',
    search: '宛名番号・氏名',
    filter: '絞り込み',
    filters: { all: 'すべて', overdue: '推奨期間を過ぎた接種あり', 'checkup-missed': '受けていない健診あり' },
    show: '表示',
    resident: '宛名番号',
    name: '氏名',
    birthDate: '生年月日',
    vaccinations: '接種数',
    overdue: '超過',
    due: '時期',
    checkups: '健診 済/未',
    none: '該当する子どもはいません。',
    unknown: '受給者ファイルなし',
    next: '次へ',
    previous: '前へ',
  },
  en: {
    title: 'Maternal and child health records (municipality)',
    lead: 'Children linked by resident number, with their vaccinations and infant check-ups. Every record shown is logged as a read.',
    search: 'Resident number or name',
    filter: 'Filter',
    filters: { all: 'All', overdue: 'A dose past its recommended date', 'checkup-missed': 'A missed check-up' },
    show: 'Show',
    resident: 'Resident no.',
    name: 'Name',
    birthDate: 'Born',
    vaccinations: 'Doses recorded',
    overdue: 'Overdue',
    due: 'Due',
    checkups: 'Check-ups (done / missed)',
    none: 'No children match.',
    unknown: 'no recipient file',
    next: 'Next',
    previous: 'Previous',
  },
});

export function municipalityRecordsPage(
  lang: Lang,
  props: { children: ChildRecordSummary[]; hasMore: boolean; query: string; filter: RecordFilter; page: number },
) {
  const m = messages(lang);
  const link = (page: number) =>
    `/health/records?${new URLSearchParams({ q: props.query, filter: props.filter, page: String(page) })}`;
  return {
    title: m.title,
    body: (
      <>
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
        <form method="get" action="/health/records" class="health-records-filter">
          <div class="field">
            <label for="field-q">{m.search}</label>
            <input id="field-q" name="q" value={props.query} autocomplete="off" />
          </div>
          <div class="field">
            <label for="field-filter">{m.filter}</label>
            <select id="field-filter" name="filter">
              {(Object.keys(m.filters) as RecordFilter[]).map((f) => (
                <option key={f} value={f} selected={f === props.filter}>
                  {m.filters[f]}
                </option>
              ))}
            </select>
          </div>
          <button class="button" type="submit">
            {m.show}
          </button>
        </form>
        {props.children.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <div class="table-wrap">
            <table data-testid="municipality-records">
              <thead>
                <tr>
                  <th scope="col">{m.resident}</th>
                  <th scope="col">{m.name}</th>
                  <th scope="col">{m.birthDate}</th>
                  <th scope="col">{m.vaccinations}</th>
                  <th scope="col">{m.overdue}</th>
                  <th scope="col">{m.due}</th>
                  <th scope="col">{m.checkups}</th>
                </tr>
              </thead>
              <tbody>
                {props.children.map((c) => (
                  <tr key={c.childId}>
                    <td class="health-number">{c.residentNumber}</td>
                    <td>{c.name ?? m.unknown}</td>
                    <td>{c.birthDate ?? '—'}</td>
                    <td>{c.vaccinations}</td>
                    <td class={c.overdueDoses > 0 ? 'health-attention' : undefined}>{c.overdueDoses}</td>
                    <td>{c.dueDoses}</td>
                    <td class={c.checkupsMissed > 0 ? 'health-attention' : undefined}>
                      {c.checkupsDone} / {c.checkupsMissed}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav class="health-pager" aria-label={m.title}>
          {props.page > 0 ? <a href={link(props.page - 1)}>{m.previous}</a> : null}
          {props.hasMore ? <a href={link(props.page + 1)}>{m.next}</a> : null}
        </nav>
      </>
    ),
  };
}
