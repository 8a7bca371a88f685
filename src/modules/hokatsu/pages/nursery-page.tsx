import type { Lang } from '../../../platform/i18n/i18n.ts';
import { nurseryMessages } from '../nursery.messages.ts';
import type { getNursery } from '../use-cases/get-nursery.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface NurseryPageProps {
  nursery: Awaited<ReturnType<typeof getNursery>>;
  /** Link to the simulation with this municipality's rules and this nursery, or null without rules. */
  simulateHref: string | null;
  tours: { id: string; startsAt: string; endsAt: string; seatsLeft: number; notes: string | null }[];
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

export function nurseryPage({ nursery: n, simulateHref, tours }: NurseryPageProps) {
  return (lang: Lang) => {
    const m = nurseryMessages(lang);
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
            {tours.length === 0 ? (
              <p>{m.noTours}</p>
            ) : (
              <ul>
                {tours.slice(0, 10).map((tour) => (
                  <li key={tour.id}>
                    {`${tokyoTime(tour.startsAt, lang)} — ${m.seatsLeft(tour.seatsLeft)}`}
                    {tour.notes ? ` (${tour.notes})` : ''}
                  </li>
                ))}
              </ul>
            )}
            <p>{m.bookingNeedsSignIn}</p>
          </section>
          <p class="option__hint">{`${m.dataSource}: ${n.attribution}`}</p>
        </>
      ),
    };
  };
}
