import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { CounsellorSlotView } from '../consultations/counsellor-consultations.ts';
import { counsellorMessages } from '../counsellor.messages.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface CounsellorPageProps {
  municipal: boolean;
  slots: CounsellorSlotView[];
  csrfToken: string;
  flash: { published: number } | 'marked' | null;
  error: string | null;
  values: Record<string, string | string[] | undefined>;
}

const tokyoTime = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/** /staff/hokatsu/consultations: publish slots (one or a weekly series), read bookings, mark held / no-show. */
export function counsellorPage(p: CounsellorPageProps) {
  return (lang: Lang) => {
    const m = counsellorMessages(lang);
    const val = (k: string, d = '') => {
      const x = p.values[k];
      return (Array.isArray(x) ? x[0] : x) ?? d;
    };
    const days = new Set([p.values.weekdays ?? ['2', '4']].flat());
    return {
      title: m.title,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.title}</h1>
          <p>{m.lead}</p>
          {p.flash && (
            <p class="flash" role="status">
              {p.flash === 'marked' ? m.flash.marked : m.flash.published(p.flash.published)}
            </p>
          )}
          {p.error && (
            <div class="error-summary" role="alert">
              <h2>{m.errorHeading}</h2>
              <p>{p.error}</p>
            </div>
          )}
          {!p.municipal ? (
            <p>{m.notMunicipal}</p>
          ) : (
            <>
              <section aria-labelledby="publish-title">
                <h2 id="publish-title">{m.publishHeading}</h2>
                <form method="post" action="/staff/hokatsu/consultations/slots" class="stack">
                  <input type="hidden" name="_csrf" value={p.csrfToken} />
                  <label for="from">{m.from}</label>
                  <input id="from" name="from" type="date" required value={val('from')} />
                  <label for="until">{m.until}</label>
                  <input id="until" name="until" type="date" value={val('until')} aria-describedby="until-hint" />
                  <p class="option__hint" id="until-hint">
                    {m.untilHint}
                  </p>
                  <fieldset>
                    <legend>{m.weekdays}</legend>
                    {m.weekdayNames.map((name, i) => (
                      <label key={name} class="inline">
                        <input
                          type="checkbox"
                          name="weekdays"
                          value={String(i + 1)}
                          checked={days.has(String(i + 1))}
                        />
                        {` ${name}`}
                      </label>
                    ))}
                  </fieldset>
                  <label for="startTime">{m.startTime}</label>
                  <input id="startTime" name="startTime" type="time" required value={val('startTime', '10:00')} />
                  <label for="durationMinutes">{m.duration}</label>
                  <input
                    id="durationMinutes"
                    name="durationMinutes"
                    type="number"
                    min="10"
                    max="120"
                    required
                    value={val('durationMinutes', '30')}
                  />
                  <label for="meetingUrl">{m.meetingUrl}</label>
                  <input
                    id="meetingUrl"
                    name="meetingUrl"
                    type="url"
                    required
                    maxLength={500}
                    value={val('meetingUrl')}
                    aria-describedby="meeting-hint"
                  />
                  <p class="option__hint" id="meeting-hint">
                    {m.meetingUrlHint}
                  </p>
                  <label for="capacity">{m.capacity}</label>
                  <input
                    id="capacity"
                    name="capacity"
                    type="number"
                    min="1"
                    max="10"
                    required
                    value={val('capacity', '1')}
                  />
                  <p class="option__hint">{m.holidaysSkipped}</p>
                  <button class="button" type="submit">
                    {m.publish}
                  </button>
                </form>
              </section>
              <section aria-labelledby="slots-title">
                <h2 id="slots-title">{m.slotsHeading}</h2>
                {p.slots.length === 0 ? (
                  <p>{m.none}</p>
                ) : (
                  <ul class="visit-list" data-testid="counsellor-slots">
                    {p.slots.map((s) => (
                      <li key={s.id}>
                        <h3>{`${tokyoTime(s.startsAt, lang)}（${m.minutes(s.durationMinutes)}）— ${m.booked(s.seatsTaken, s.capacity)}`}</h3>
                        <p class="consultation-link">
                          {`${m.link}: `}
                          <a href={s.meetingUrl} rel="noopener noreferrer">
                            {s.meetingUrl}
                          </a>
                        </p>
                        {s.bookings.length === 0 ? (
                          <p>{m.noBookings}</p>
                        ) : (
                          <div class="table-wrap">
                            <table class="lines">
                              <caption>{m.bookings}</caption>
                              <thead>
                                <tr>
                                  <th scope="col">{m.reference}</th>
                                  <th scope="col">{m.topic}</th>
                                  <th scope="col">{m.questions}</th>
                                  <th scope="col">{m.status}</th>
                                </tr>
                              </thead>
                              <tbody>
                                {s.bookings.map((b) => (
                                  <tr key={b.bookingId}>
                                    <td>{b.bookingId.slice(0, 8).toUpperCase()}</td>
                                    <td>{b.topic}</td>
                                    <td class="pre-line">{b.questions ?? '—'}</td>
                                    <td>
                                      {s.started && b.status === 'booked' ? (
                                        <form
                                          method="post"
                                          action={`/staff/hokatsu/consultations/bookings/${b.bookingId}/outcome`}
                                        >
                                          <input type="hidden" name="_csrf" value={p.csrfToken} />
                                          <button class="button" type="submit" name="outcome" value="held">
                                            {m.held}
                                          </button>{' '}
                                          <button
                                            class="button button--secondary"
                                            type="submit"
                                            name="outcome"
                                            value="no-show"
                                          >
                                            {m.noShow}
                                          </button>
                                        </form>
                                      ) : (
                                        (m.statuses[b.status] ?? b.status)
                                      )}
                                    </td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </div>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            </>
          )}
        </>
      ),
    };
  };
}
