import type { Lang } from '../../../platform/i18n/i18n.ts';
import { MUNICIPALITIES } from '../../municipalities/index.ts';
import { ATTRIBUTION } from '../attribution.ts';
import type { ProgramSummary } from '../program-view.ts';
import { registryMessages } from '../registry.messages.ts';
import type { HouseholdShortcut } from './household-shortcuts.ts';
import { upcomingDeadline, whyThisMatches } from './program-match.ts';

export interface ProgramsPageState {
  municipality: string;
  years: number | null;
  months: number | null;
  prenatal: boolean;
  error: string | null;
  results: ProgramSummary[] | null;
  total: number;
  today: string;
  /** Searches for the signed-in parent's children (null when nobody is signed in as a parent). */
  household: HouseholdShortcut[] | null;
}

export function programsPage(lang: Lang, s: ProgramsPageState) {
  const m = registryMessages(lang);
  const ageMonths = s.years != null || s.months != null ? (s.years ?? 0) * 12 + (s.months ?? 0) : null;
  return {
    title: m.title,
    body: (
      <>
        <h1>{m.title}</h1>
        <p>{m.lead}</p>
        {s.household && s.household.length > 0 && (
          <nav class="card" aria-labelledby="household-shortcuts" data-testid="household-shortcuts">
            <h2 id="household-shortcuts">{m.fromHousehold}</h2>
            <ul>
              {s.household.map((h) => (
                <li key={h.href}>
                  <a href={h.href}>
                    {h.ageMonths == null
                      ? m.forPregnancy
                      : m.forChild(h.label, m.age({ years: Math.floor(h.ageMonths / 12), months: h.ageMonths % 12 }))}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <form method="get" action="/programs" class="card" aria-label={m.title}>
          <p>
            <label for="municipality">{m.municipality}</label>
            <br />
            <select id="municipality" name="municipality" required>
              <option value="">{m.choose}</option>
              {MUNICIPALITIES.filter((x) => x.kind !== 'prefecture').map((x) => (
                <option value={x.code} selected={x.code === s.municipality} key={x.code}>
                  {lang === 'ja' ? x.name : x.nameEn}
                </option>
              ))}
            </select>
          </p>
          <fieldset>
            <legend>{m.childAge}</legend>
            <select id="years" name="years" aria-label={m.years}>
              {Array.from({ length: 19 }, (_, i) => (
                <option value={String(i)} selected={i === (s.years ?? 0)} key={i}>
                  {i}
                </option>
              ))}
            </select>{' '}
            <label for="years">{m.years}</label>{' '}
            <select id="months" name="months" aria-label={m.months}>
              {Array.from({ length: 12 }, (_, i) => (
                <option value={String(i)} selected={i === (s.months ?? 0)} key={i}>
                  {i}
                </option>
              ))}
            </select>{' '}
            <label for="months">{m.months}</label>
          </fieldset>
          <p>
            <input type="checkbox" id="prenatal" name="prenatal" value="true" checked={s.prenatal} />{' '}
            <label for="prenatal">{m.prenatal}</label>
          </p>
          <p class="button-row">
            <button class="button" type="submit">
              {m.search}
            </button>
          </p>
        </form>

        {s.error && (
          <p role="alert" class="card">
            {s.error}
          </p>
        )}

        {s.results && (
          <section aria-labelledby="results-title">
            <h2 id="results-title">{s.results.length ? m.results(s.total) : m.none}</h2>
            <ul class="card-grid" data-testid="program-results">
              {s.results.map((p) => (
                <li class="card" key={p.id} data-psid={p.psid}>
                  <h3>{p.shortName && p.shortName !== p.name ? `${p.name}（${p.shortName}）` : p.name}</h3>
                  {p.summary && <p>{p.summary.length > 140 ? `${p.summary.slice(0, 140)}…` : p.summary}</p>}
                  <p>
                    <strong>{m.whyHeading}</strong>
                  </p>
                  <ul class="why-matches">
                    {whyThisMatches(lang, p, { ageMonths, prenatal: s.prenatal }).map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                  <p class="deadline">{upcomingDeadline(lang, p, s.today)}</p>
                  {p.url && (
                    <p>
                      <a href={p.url} rel="noopener noreferrer">
                        {m.officialPage}
                      </a>
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </section>
        )}
        <p>
          <small>{ATTRIBUTION[lang]}</small>
        </p>
      </>
    ),
  };
}
