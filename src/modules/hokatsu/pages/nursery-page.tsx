import type { Lang } from '../../../platform/i18n/i18n.ts';
import { nurseryMessages } from '../nursery.messages.ts';
import type { FamilyVisitBooking } from '../use-cases/family-visit-bookings.ts';
import type { getNursery } from '../use-cases/get-nursery.ts';
import { visitMessages } from '../visit.messages.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface NurseryPageProps {
  nursery: Awaited<ReturnType<typeof getNursery>>;
  /** Link to the simulation with this municipality's rules and this nursery, or null without rules. */
  simulateHref: string | null;
  tours: { id: string; startsAt: string; endsAt: string; seatsLeft: number; notes: string | null }[];
  /** Booking controls: null for visitors who are not a signed-in parent (they get a sign-in link). */
  booking: {
    csrfToken: string;
    mine: FamilyVisitBooking[];
    flash: 'booked' | 'cancelled' | 'moved' | null;
    error: string | null;
  } | null;
  cutoff: { hours: number; perNursery: number };
}

const tokyoTime = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeZone: 'Asia/Tokyo',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

export function nurseryPage({ nursery: n, simulateHref, tours, booking, cutoff }: NurseryPageProps) {
  return (lang: Lang) => {
    const m = nurseryMessages(lang);
    const v = visitMessages(lang);
    const yesNo = (v: boolean | null) => (v === null ? m.unknown : v ? m.yes : m.no);
    const facts: [string, string | null][] = [
      [m.address, n.address],
      [m.hours, n.opensAt && n.closesAt ? `${n.opensAt}–${n.closesAt}` : null],
      [m.capacity, n.capacity === null ? null : String(n.capacity)],
      [m.ages, n.minAgeClass === null ? null : `${m.age(n.minAgeClass)} – ${m.age(n.maxAgeClass ?? 5)}`],
      [m.extendedCare, yesNo(n.extendedCare)],
      [m.temporaryCare, yesNo(n.temporaryCare)],
      [m.phone, n.phone],
    ];
    return {
      title: n.name,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <p>
            <a href={`/hokatsu/nurseries?municipality=${n.municipalityCode}`}>{m.backToSearch}</a>
          </p>
          <h1>{n.name}</h1>
          <ul class="tags">
            <li>{m.categories[n.category as keyof typeof m.categories] ?? n.category}</li>
            {n.typeLabel && <li lang="ja">{n.typeLabel}</li>}
          </ul>
          <dl>
            {facts
              .filter(([, v]) => v !== null)
              .map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </div>
              ))}
          </dl>
          {n.url && (
            <p>
              <a href={n.url}>{m.website}</a>
            </p>
          )}
          <p class="button-row">
            {simulateHref ? (
              <a class="button" href={simulateHref}>
                {m.simulate}
              </a>
            ) : (
              <span>{m.simulateNoRules}</span>
            )}
          </p>
          <section aria-labelledby="vacancy-title">
            <h2 id="vacancy-title">{m.detailVacancies}</h2>
            {n.vacancies.length === 0 ? (
              <p>{m.unknown}</p>
            ) : (
              <div class="table-wrap">
                <table class="lines">
                  <thead>
                    <tr>
                      <th scope="col">{m.monthHeading}</th>
                      <th scope="col">{m.ageClass}</th>
                      <th scope="col">{m.vacanciesHeading}</th>
                      <th scope="col">{m.waitingHeading}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {n.vacancies.map((v) => (
                      <tr key={`${v.month}/${v.ageClass}`}>
                        <td>{v.month.slice(0, 7)}</td>
                        <td>{m.age(v.ageClass)}</td>
                        <td class="num">{v.vacancies ?? '—'}</td>
                        <td class="num">{v.waiting ?? '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="minimum-title">
            <h2 id="minimum-title">{m.detailMinimum}</h2>
            {n.minimumIndices.length === 0 ? (
              <p>{m.unknown}</p>
            ) : (
              <>
                <p>{m.roundOf(n.minimumIndices[0]!.roundMonth.slice(0, 7), n.minimumIndices[0]!.roundNo)}</p>
                <div class="table-wrap">
                  <table class="lines" data-testid="minimum-index">
                    <thead>
                      <tr>
                        <th scope="col">{m.ageClass}</th>
                        <th scope="col">{m.minimumHeading}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {n.minimumIndices.map((x) => (
                        <tr key={x.ageClass}>
                          <td>{m.age(x.ageClass)}</td>
                          <td class="num">{x.minimumIndex ?? x.label}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
          <section aria-labelledby="tours-title">
            <h2 id="tours-title">{m.toursHeading}</h2>
            {booking?.flash && (
              <p class="flash" role="status">
                {v.flash[booking.flash]}
              </p>
            )}
            {booking?.error && (
              <div class="error-summary" role="alert">
                <h3>{v.errorHeading}</h3>
                <p>{booking.error}</p>
              </div>
            )}
            {booking && booking.mine.length > 0 && (
              <>
                <h3>{v.yourBookings}</h3>
                <ul class="visit-list" data-testid="my-visits">
                  {booking.mine.map((b) => (
                    <li key={b.bookingId}>
                      <p>{`${tokyoTime(b.startsAt, lang)} — ${v.people(b.partySize)}`}</p>
                      <form method="post" action={`/hokatsu/visits/${b.bookingId}/cancel`}>
                        <input type="hidden" name="_csrf" value={booking.csrfToken} />
                        <button type="submit" class="button button--secondary">
                          {v.cancel}
                        </button>
                      </form>
                      {tours.some((t) => t.id !== b.slotId && t.seatsLeft >= b.partySize) && (
                        <form method="post" action={`/hokatsu/visits/${b.bookingId}/reschedule`}>
                          <input type="hidden" name="_csrf" value={booking.csrfToken} />
                          <label for={`move-${b.bookingId}`}>{v.moveTo}</label>
                          <select id={`move-${b.bookingId}`} name="slotId">
                            {tours
                              .filter((t) => t.id !== b.slotId && t.seatsLeft >= b.partySize)
                              .slice(0, 20)
                              .map((t) => (
                                <option key={t.id} value={t.id}>
                                  {tokyoTime(t.startsAt, lang)}
                                </option>
                              ))}
                          </select>
                          <button type="submit" class="button button--secondary">
                            {v.move}
                          </button>
                        </form>
                      )}
                    </li>
                  ))}
                </ul>
              </>
            )}
            {tours.length === 0 ? (
              <p>{m.noTours}</p>
            ) : (
              <ul class="visit-list" data-testid="tours">
                {tours.slice(0, 10).map((tour) => (
                  <li key={tour.id}>
                    <p>
                      {`${tokyoTime(tour.startsAt, lang)} — ${m.seatsLeft(tour.seatsLeft)}`}
                      {tour.notes ? ` (${tour.notes})` : ''}
                    </p>
                    {booking && tour.seatsLeft > 0 && !booking.mine.some((b) => b.slotId === tour.id) && (
                      <form method="post" action={`/hokatsu/nurseries/${n.id}/visits`}>
                        <input type="hidden" name="_csrf" value={booking.csrfToken} />
                        <input type="hidden" name="slotId" value={tour.id} />
                        <label for={`party-${tour.id}`}>{v.partySize}</label>
                        <select id={`party-${tour.id}`} name="partySize">
                          {[1, 2, 3, 4].map((k) => (
                            <option key={k} value={String(k)}>
                              {v.people(k)}
                            </option>
                          ))}
                        </select>
                        <button class="button" type="submit">
                          {v.book}
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {booking ? (
              <p class="option__hint">{v.cutoffNote(cutoff.hours, cutoff.perNursery)}</p>
            ) : (
              <p>
                <a class="button" href={`/sign-in?next=${encodeURIComponent(`/hokatsu/nurseries/${n.id}`)}`}>
                  {v.signInToBook}
                </a>
              </p>
            )}
          </section>
          <p class="option__hint">{`${m.dataSource}: ${n.attribution}`}</p>
        </>
      ),
    };
  };
}
