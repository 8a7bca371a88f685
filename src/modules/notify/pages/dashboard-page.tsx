import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { ReportRow } from '../use-cases/delivery-report.ts';

const LABELS = {
  ja: {
    title: 'お知らせの配信状況',
    lead: '月別・チャネル別の件数です（自治体の範囲のみ）。',
    month: '月',
    channel: 'チャネル',
    targeted: '対象',
    sent: '送信',
    delivered: '配信済み',
    failed: '失敗',
    opened: '開封（Web／アプリ内）',
    announcements: 'お知らせ（セグメント配信）の作成・承認・配信状況',
    none: 'まだ配信はありません。',
    chart: '月別の配信済み件数（チャネル別）',
  },
  en: {
    title: 'Notice delivery',
    lead: 'Counts per month and channel (your municipality only).',
    month: 'Month',
    channel: 'Channel',
    targeted: 'Targeted',
    sent: 'Sent',
    delivered: 'Delivered',
    failed: 'Failed',
    opened: 'Opened (web / in app)',
    announcements: 'Announcements to a segment: create, approve, delivery per announcement',
    none: 'Nothing delivered yet.',
    chart: 'Delivered per month, by channel',
  },
} as const;

const COLORS: Record<string, string> = {
  inbox: '#0017c1',
  line: '#06a044',
  email: '#b45309',
  'web-push': '#7c3aed',
  webhook: '#475569',
};

/** A bar chart drawn on the server (SVG, no JavaScript), one group per month, one bar per channel. */
function Chart({ rows, label }: { rows: ReportRow[]; label: string }) {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const channels = [...new Set(rows.map((r) => r.channel))].sort();
  const max = Math.max(1, ...rows.map((r) => r.delivered));
  const groupWidth = 60;
  const bar = Math.max(4, Math.floor((groupWidth - 10) / Math.max(1, channels.length)));
  const width = Math.max(200, months.length * groupWidth + 40);
  return (
    <svg class="notify-chart" viewBox={`0 0 ${width} 180`} role="img" aria-label={label}>
      <title>{label}</title>
      {months.map((month, i) => (
        <g key={month} transform={`translate(${30 + i * groupWidth}, 0)`}>
          {channels.map((channel, j) => {
            const value = rows.find((r) => r.month === month && r.channel === channel)?.delivered ?? 0;
            const h = Math.round((value / max) * 140);
            return (
              <rect key={channel} x={j * bar} y={150 - h} width={bar - 1} height={h} fill={COLORS[channel] ?? '#333'}>
                <title>{`${month} ${channel}: ${value}`}</title>
              </rect>
            );
          })}
          <text x="0" y="168" font-size="10">
            {month}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function dashboardPage(lang: Lang, rows: ReportRow[]) {
  const l = LABELS[lang];
  return {
    title: l.title,
    body: (
      <div class="page">
        <h1>{l.title}</h1>
        <p>{l.lead}</p>
        <p>
          <a href="/staff/notify/announcements">{l.announcements}</a>
        </p>
        {rows.length === 0 ? <p>{l.none}</p> : <Chart rows={rows} label={l.chart} />}
        <ul class="notify-legend">
          {[...new Set(rows.map((r) => r.channel))].sort().map((c) => (
            <li key={c}>
              <span class={`notify-swatch notify-swatch--${c}`} aria-hidden="true">
                ■
              </span>{' '}
              {c}
            </li>
          ))}
        </ul>
        <div class="table-wrap">
          <table data-testid="notify-report">
            <thead>
              <tr>
                <th scope="col">{l.month}</th>
                <th scope="col">{l.channel}</th>
                <th scope="col">{l.targeted}</th>
                <th scope="col">{l.sent}</th>
                <th scope="col">{l.delivered}</th>
                <th scope="col">{l.failed}</th>
                <th scope="col">{l.opened}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.month}-${r.channel}`}>
                  <td>{r.month}</td>
                  <td>{r.channel}</td>
                  <td>{r.targeted}</td>
                  <td>{r.sent}</td>
                  <td>{r.delivered}</td>
                  <td>{r.failed}</td>
                  <td>{r.opened}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    ),
  };
}
