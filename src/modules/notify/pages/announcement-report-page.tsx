import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { AnnouncementChannelRow, AnnouncementSummary } from '../use-cases/announcement-queries.ts';
import { announcementMessages, tokyoDateTime } from './announcement.messages.ts';
import { type FormError, StaffNav } from './announcement-pages.tsx';
import { notifyMessages } from './notify.messages.ts';

const MEASURES = ['sent', 'delivered', 'failed', 'opened'] as const;
const MEASURE_COLORS: Record<(typeof MEASURES)[number], string> = {
  sent: '#0017c1',
  delivered: '#06a044',
  failed: '#c1272d',
  opened: '#b45309',
};

/** Server-drawn SVG: one group per channel, one bar per measure (no JavaScript, like the monthly dashboard). */
function ChannelChart({ rows, label, names }: { rows: AnnouncementChannelRow[]; label: string; names: string[] }) {
  const max = Math.max(1, ...rows.map((r) => r.targeted));
  const group = 90;
  const bar = 18;
  const width = Math.max(240, rows.length * group + 40);
  return (
    // Not the monthly chart's class (full width): a few channels need little room. Sizes are attributes, because
    // the content security policy refuses inline styles.
    <svg
      class="notify-chart-small"
      viewBox={`0 0 ${width} 190`}
      width={Math.round(width * 1.5)}
      height={285}
      role="img"
      aria-label={label}
      data-testid="announcement-chart"
    >
      <title>{label}</title>
      <line x1="28" y1="150" x2={width - 4} y2="150" stroke="#999" />
      {rows.map((row, i) => (
        <g key={row.channel} transform={`translate(${34 + i * group}, 0)`}>
          {MEASURES.map((measure, j) => {
            const h = Math.round((row[measure] / max) * 130);
            return (
              <rect key={measure} x={j * bar} y={150 - h} width={bar - 2} height={h} fill={MEASURE_COLORS[measure]}>
                <title>{`${row.channel} ${names[j]}: ${row[measure]}`}</title>
              </rect>
            );
          })}
          <text x="0" y="168" font-size="11">
            {row.channel}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** The one-line confirmations the report page shows after an action (`?done=`). */
export const ANNOUNCEMENT_FLASHES = ['approved', 'created', 'cancelled'] as const;
export type AnnouncementFlash = (typeof ANNOUNCEMENT_FLASHES)[number];

export function announcementReportPage(
  lang: Lang,
  props: {
    announcement: AnnouncementSummary;
    channels: AnnouncementChannelRow[];
    actorId: string;
    canApprove: boolean;
    csrfToken: string;
    flash?: AnnouncementFlash | undefined;
    errors: FormError[];
    municipalityName: string;
  },
) {
  const m = announcementMessages(lang);
  const n = notifyMessages(lang);
  const a = props.announcement;
  const names = [m.sent, m.delivered, m.failed, m.opened];
  const own = a.createdBy === props.actorId;
  return {
    title: lang === 'ja' ? a.titleJa : a.titleEn,
    body: (
      <div class="page">
        <StaffNav lang={lang} />
        <h1>{lang === 'ja' ? a.titleJa : a.titleEn}</h1>
        <p>{m.detailLead}</p>
        {props.flash ? (
          <div class="notice notice--success" role="status">
            {m[props.flash]}
          </div>
        ) : null}
        {props.errors.map((e) => (
          <div key={e.message} class="notice notice--error" role="alert">
            {e.message}
          </div>
        ))}
        <dl class="summary-list" data-testid="announcement-summary">
          <dt>{m.status}</dt>
          <dd data-testid="announcement-status">{m.statuses[a.status]}</dd>
          <dt>{m.municipality}</dt>
          <dd>{props.municipalityName}</dd>
          <dt>{m.category}</dt>
          <dd>{n.categories[a.category]}</dd>
          <dt>{m.segment}</dt>
          <dd>{m.ageRange(a.ageMinMonths, a.ageMaxMonths)}</dd>
          <dt>{m.sendAt}</dt>
          <dd>{tokyoDateTime(a.sendAt).replace('T', ' ')}</dd>
          <dt>{m.targeted}</dt>
          <dd>{a.targeted ?? '—'}</dd>
          <dt>{m.messages}</dt>
          <dd data-testid="announcement-messages">{a.status === 'sent' ? a.messages : '—'}</dd>
          <dt>{m.createdBy}</dt>
          <dd>{own ? m.you : m.colleague}</dd>
          {a.approvedBy ? (
            <>
              <dt>{m.approvedBy}</dt>
              <dd>{a.approvedBy === props.actorId ? m.you : m.colleague}</dd>
            </>
          ) : null}
        </dl>
        <details>
          <summary>{m.content}</summary>
          <div class="notify-message__body">
            {(lang === 'ja' ? a.bodyJa : a.bodyEn).split('\n').map((text, i) => (
              <p key={i}>{text}</p>
            ))}
          </div>
        </details>
        {a.status === 'draft' && own ? <p class="notice notice--info">{m.fourEyes}</p> : null}
        {a.status === 'draft' && props.canApprove && !own ? (
          <form method="post" action={`/staff/notify/announcements/${a.id}/approve`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <button class="button" type="submit">
              {m.approve}
            </button>
          </form>
        ) : null}
        {(a.status === 'draft' || a.status === 'approved') && props.canApprove ? (
          <form method="post" action={`/staff/notify/announcements/${a.id}/cancel`}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <button class="button button--secondary" type="submit">
              {m.cancel}
            </button>
          </form>
        ) : null}
        <h2>{m.chart}</h2>
        {props.channels.length === 0 ? (
          <p>{m.noDeliveries}</p>
        ) : (
          <>
            <ChannelChart rows={props.channels} label={m.chart} names={names} />
            <ul class="notify-legend">
              {MEASURES.map((measure, i) => (
                <li key={measure}>
                  <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
                    <rect width="12" height="12" fill={MEASURE_COLORS[measure]} />
                  </svg>{' '}
                  {names[i]}
                </li>
              ))}
            </ul>
          </>
        )}
        <div class="table-wrap">
          <table class="table" data-testid="announcement-report">
            <thead>
              <tr>
                <th scope="col">{m.channel}</th>
                <th scope="col">{m.channelTargeted}</th>
                <th scope="col">{m.sent}</th>
                <th scope="col">{m.delivered}</th>
                <th scope="col">{m.failed}</th>
                <th scope="col">{m.opened}</th>
              </tr>
            </thead>
            <tbody>
              {props.channels.map((r) => (
                <tr key={r.channel} data-channel={r.channel}>
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
        <p>
          <a href="/staff/notify/announcements">{m.back}</a>
        </p>
      </div>
    ),
  };
}
