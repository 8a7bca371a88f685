import type { Lang } from '../../../platform/i18n/i18n.ts';
import { NURSERY_CATEGORIES } from '../hokatsu.tables.ts';
import { nurseryMessages } from '../nursery.messages.ts';
import type { NurserySummary } from '../use-cases/search-nurseries.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface SearchPageProps {
  municipalities: { code: string; name: string; nameEn: string }[];
  /** The raw query, echoed back into the form. */
  query: Record<string, string | string[] | undefined>;
  result: { items: NurserySummary[]; total: number; month: string | null } | null;
  errors: { field: string; message: { en: string; ja: string } }[];
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : v.split(','));

export function nurserySearchPage(props: SearchPageProps) {
  return (lang: Lang) => {
    const m = nurseryMessages(lang);
    const q = props.query;
    const age = one(q.ageClass);
    const types = many(q.type);
    return {
      title: m.searchTitle,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.searchTitle}</h1>
          <p>{m.searchLead}</p>
          {props.errors.length > 0 && (
            <div role="alert" class="form-error">
              <p>{m.errorHeading}</p>
              <ul>
                {props.errors.map((e) => (
                  <li key={e.field}>{`${e.field}: ${e.message[lang]}`}</li>
                ))}
              </ul>
            </div>
          )}
          <form method="get" action="/hokatsu/nurseries" aria-label={m.searchTitle}>
            <div class="filters">
              <div class="field">
                <label for="s-municipality">{m.municipality}</label>
                <select id="s-municipality" name="municipality" required>
                  {props.municipalities.map((x) => (
                    <option value={x.code} selected={one(q.municipality) === x.code} key={x.code}>
                      {lang === 'ja' ? x.name : x.nameEn}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="s-age">{m.ageClass}</label>
                <select id="s-age" name="ageClass">
                  <option value="">{m.any}</option>
                  {[0, 1, 2, 3, 4, 5].map((a) => (
                    <option value={String(a)} selected={age === String(a)} key={a}>
                      {m.age(a)}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="s-birth">{m.birthDate}</label>
                <input id="s-birth" name="birthDate" type="date" value={one(q.birthDate)} />
              </div>
              <div class="field">
                <label for="s-month">{m.month}</label>
                <input id="s-month" name="month" type="month" value={one(q.month)} />
              </div>
              <div class="field">
                <label for="s-opens">{m.opensBy}</label>
                <input id="s-opens" name="opensBy" type="time" value={one(q.opensBy)} />
              </div>
              <div class="field">
                <label for="s-closes">{m.closesAfter}</label>
                <input id="s-closes" name="closesAfter" type="time" value={one(q.closesAfter)} />
              </div>
            </div>
            <fieldset class="question">
              <legend>{m.type}</legend>
              <div class="filters">
                {NURSERY_CATEGORIES.map((c) => (
                  <label class="option" key={c}>
                    <input type="checkbox" name="type" value={c} checked={types.includes(c)} />
                    <span>{m.categories[c]}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <label class="option">
              <input type="checkbox" name="vacancies" value="true" checked={one(q.vacancies) === 'true'} />
              <span>{m.vacanciesOnly}</span>
            </label>
            <fieldset class="question">
              <legend>{m.near}</legend>
              <div class="filters">
                <div class="field">
                  <label for="s-lat">{m.latitude}</label>
                  <input id="s-lat" name="lat" inputMode="decimal" value={one(q.lat)} />
                </div>
                <div class="field">
                  <label for="s-lng">{m.longitude}</label>
                  <input id="s-lng" name="lng" inputMode="decimal" value={one(q.lng)} />
                </div>
                <div class="field">
                  <label for="s-radius">{m.radiusKm}</label>
                  <input id="s-radius" name="radiusKm" inputMode="decimal" value={one(q.radiusKm)} />
                </div>
              </div>
            </fieldset>
            <p class="button-row">
              <button class="button" type="submit">
                {m.search}
              </button>
            </p>
          </form>
          {props.result && (
            <section aria-labelledby="results-title">
              <h2 id="results-title">{m.results(props.result.total)}</h2>
              {props.result.items.length === 0 ? (
                <p>{m.noResults}</p>
              ) : (
                <ul class="results">
                  {props.result.items.map((n) => (
                    <li class="result-card" key={n.id}>
                      <h3>
                        <a href={`/hokatsu/nurseries/${n.id}${age ? `?age=${age}` : ''}`}>{n.name}</a>
                      </h3>
                      <ul class="tags">
                        <li>{m.categories[n.category as keyof typeof m.categories] ?? n.category}</li>
                        {n.opensAt && n.closesAt && <li>{`${m.hours} ${n.opensAt}–${n.closesAt}`}</li>}
                        {n.distanceKm !== null && <li>{m.distance(n.distanceKm)}</li>}
                      </ul>
                      {n.address && <p>{n.address}</p>}
                      {age !== '' && n.vacancyMonth && (
                        <p>
                          {m.vacanciesFor(n.vacancyMonth.slice(0, 7), Number(age))}
                          {': '}
                          <strong>{n.vacancies === null ? m.unknown : m.places(n.vacancies)}</strong>
                          {n.waiting !== null ? ` (${m.waiting(n.waiting)})` : ''}
                        </p>
                      )}
                      <p class="option__hint">{`${m.dataSource}: ${n.attribution}`}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
        </>
      ),
    };
  };
}
