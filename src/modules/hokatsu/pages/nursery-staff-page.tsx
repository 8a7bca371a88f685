import type { Lang } from '../../../platform/i18n/i18n.ts';
import { visitMessages } from '../visit.messages.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface StaffTourView {
  id: string;
  startsAt: Date;
  capacity: number;
  seatsTaken: number;
  notes: string | null;
  status: string;
  started: boolean;
  attendees: { bookingId: string; partySize: number; status: string }[];
}

export interface NurseryStaffPageProps {
  nursery: { id: string; name: string } | null;
  tours: StaffTourView[];
  csrfToken: string;
  flash: 'published' | 'marked' | null;
  error: string | null;
  values: Record<string, string | string[] | undefined>;
}

const tokyoTime = (d: Date, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

/** /nursery: the signed-in nursery's tours, a form to publish more, attendees and attendance marking. */
export function nurseryStaffPage(p: NurseryStaffPageProps) {
  return (lang: Lang) => {
    const v = visitMessages(lang);
    const val = (k: string, d = '') => {
      const x = p.values[k];
      return (Array.isArray(x) ? x[0] : x) ?? d;
    };
    const days = new Set([p.values.weekdays ?? ['1', '2', '3', '4', '5']].flat());
    return {
      title: p.nursery ? `${v.staffTitle} — ${p.nursery.name}` : v.staffTitle,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{p.nursery ? p.nursery.name : v.staffTitle}</h1>
          {!p.nursery ? (
            <p>{v.staffNoNursery}</p>
          ) : (
            <>
              {p.flash && (
                <p class="flash" role="status">
                  {v.flash[p.flash]}
                </p>
              )}
              {p.error && (
                <div class="error-summary" role="alert">
                  <h2>{v.errorHeading}</h2>
                  <p>{p.error}</p>
                </div>
              )}
              <section aria-labelledby="publish-title">
                <h2 id="publish-title">{v.publishHeading}</h2>
                <form method="post" action="/nursery/tours" class="stack">
                  <input type="hidden" name="_csrf" value={p.csrfToken} />
                  <label for="from">{v.from}</label>
                  <input id="from" name="from" type="date" required value={val('from')} />
                  <label for="until">{v.until}</label>
                  <input id="until" name="until" type="date" required value={val('until')} />
                  <fieldset>
                    <legend>{v.weekdays}</legend>
                    {v.weekdayNames.map((name, i) => (
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
                  <label for="startTime">{v.startTime}</label>
                  <input id="startTime" name="startTime" type="time" required value={val('startTime', '10:00')} />
                  <label for="endTime">{v.endTime}</label>
                  <input id="endTime" name="endTime" type="time" required value={val('endTime', '11:00')} />
                  <label for="capacity">{v.capacity}</label>
                  <input
                    id="capacity"
                    name="capacity"
                    type="number"
                    min="1"
                    max="200"
                    required
                    value={val('capacity', '5')}
                  />
                  <label for="notes">{v.notes}</label>
                  <input id="notes" name="notes" maxLength={500} value={val('notes')} />
                  <p class="option__hint">{v.holidaysSkipped}</p>
                  <button class="button" type="submit">
                    {v.publish}
                  </button>
                </form>
              </section>
              <section aria-labelledby="tours-title">
                <h2 id="tours-title">{v.upcomingTours}</h2>
                <ul class="visit-list" data-testid="staff-tours">
                  {p.tours.map((t) => (
                    <li key={t.id}>
                      <h3>{`${tokyoTime(t.startsAt, lang)} — ${v.booked(t.seatsTaken, t.capacity)}`}</h3>
                      {t.notes && <p>{t.notes}</p>}
                      {t.attendees.length === 0 ? (
                        <p>{v.noAttendees}</p>
                      ) : (
                        <div class="table-wrap">
                          <table class="lines">
                            <caption>{v.attendees}</caption>
                            <thead>
                              <tr>
                                <th scope="col">{v.bookingRef}</th>
                                <th scope="col">{v.partySize}</th>
                                <th scope="col">{v.status}</th>
                              </tr>
                            </thead>
                            <tbody>
                              {t.attendees.map((a) => (
                                <tr key={a.bookingId}>
                                  <td>{a.bookingId.slice(0, 8).toUpperCase()}</td>
                                  <td class="num">{a.partySize}</td>
                                  <td>
                                    {t.started && a.status === 'booked' ? (
                                      <form method="post" action={`/nursery/bookings/${a.bookingId}/attendance`}>
                                        <input type="hidden" name="_csrf" value={p.csrfToken} />
                                        <button class="button" type="submit" name="status" value="attended">
                                          {v.attended}
                                        </button>{' '}
                                        <button
                                          type="submit"
                                          name="status"
                                          value="no-show"
                                          class="button button--secondary"
                                        >
                                          {v.noShow}
                                        </button>
                                      </form>
                                    ) : (
                                      (v.statuses[a.status] ?? a.status)
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
              </section>
            </>
          )}
        </>
      ),
    };
  };
}
