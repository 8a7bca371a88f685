import type { Lang } from '../../../platform/i18n/i18n.ts';
import { applicationMessages } from '../application.messages.ts';
import type { IndexLine } from '../index-rules/compute-index.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export interface ApplyPageProps {
  csrfToken: string;
  children: { id: string; name: string; birthDate: string }[];
  months: string[];
  nurseries: { id: string; name: string }[];
  /** The tie-break questions of the municipality's rules (only those the parent answers). */
  tieBreaks: { id: string; label: { ja: string; en: string } }[];
  /** The answers as they came from the simulation (JSON), or null. */
  answersJson: string | null;
  index: { total: number; lines: IndexLine[] } | null;
  values: Record<string, string | undefined>;
  errors: string[];
}

/** The application form: child and month from the household, up to five ranked nurseries, answers carried over. */
export function applyPage(p: ApplyPageProps) {
  return (lang: Lang) => {
    const m = applicationMessages(lang);
    return {
      title: m.applyTitle,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.applyTitle}</h1>
          <p>{m.applyLead}</p>
          {p.errors.length > 0 && (
            <div class="error-summary" role="alert">
              <h2>{m.errorHeading}</h2>
              <ul>
                {p.errors.map((e) => (
                  <li key={e}>{e}</li>
                ))}
              </ul>
            </div>
          )}
          {!p.answersJson || !p.index ? (
            <p>
              {m.needAnswers}{' '}
              <a class="button" href="/hokatsu/simulate">
                {m.simulateFirst}
              </a>
            </p>
          ) : p.children.length === 0 ? (
            <p>
              {m.noChildren} <a href="/household">{m.addChild}</a>
            </p>
          ) : (
            <form method="post" action="/hokatsu/apply" class="stack">
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <input type="hidden" name="answers" value={p.answersJson} />
              <p>
                {m.yourIndex}: <strong data-testid="apply-index">{p.index.total}</strong>
              </p>
              <fieldset>
                <legend>{m.child}</legend>
                {p.children.map((c, i) => (
                  <label key={c.id} class="option">
                    <input
                      type="radio"
                      name="childId"
                      value={c.id}
                      required
                      checked={p.values.childId ? p.values.childId === c.id : i === 0}
                    />
                    <span>{`${c.name}（${c.birthDate}）`}</span>
                  </label>
                ))}
              </fieldset>
              <label for="roundMonth">{m.intakeMonth}</label>
              <select id="roundMonth" name="roundMonth">
                {p.months.map((month) => (
                  <option key={month} value={month} selected={p.values.roundMonth === month}>
                    {month}
                  </option>
                ))}
              </select>
              {[1, 2, 3, 4, 5].map((rank) => (
                <div key={rank}>
                  <label for={`choice${rank}`}>{m.choice(rank)}</label>
                  <select id={`choice${rank}`} name={`choice${rank}`} required={rank === 1}>
                    {rank > 1 && <option value="">{m.none}</option>}
                    {p.nurseries.map((x) => (
                      <option key={x.id} value={x.id} selected={p.values[`choice${rank}`] === x.id}>
                        {x.name}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
              <label for="currentNurseryId">{m.currentNursery}</label>
              <select id="currentNurseryId" name="currentNurseryId" aria-describedby="current-hint">
                <option value="">{m.notTransferring}</option>
                {p.nurseries.map((x) => (
                  <option key={x.id} value={x.id} selected={p.values.currentNurseryId === x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
              <p class="option__hint" id="current-hint">
                {m.currentNurseryHint}
              </p>
              {p.tieBreaks.length > 0 && (
                <fieldset data-testid="tie-breaks">
                  <legend>{m.tieBreakHeading}</legend>
                  <p class="option__hint">{m.tieBreakLead}</p>
                  {p.tieBreaks.map((t) => (
                    <div key={t.id} class="stack">
                      <label for={`tieBreak-${t.id}`}>{m.incomeTaxQuestion}</label>
                      <input
                        id={`tieBreak-${t.id}`}
                        name={`tieBreak:${t.id}`}
                        inputMode="numeric"
                        autocomplete="off"
                        maxLength={12}
                        value={p.values[`tieBreak:${t.id}`] ?? ''}
                        aria-describedby={`tieBreak-${t.id}-hint`}
                      />
                      <p class="option__hint" id={`tieBreak-${t.id}-hint`}>
                        {m.incomeTaxHint(lang === 'ja' ? t.label.ja : t.label.en)}
                      </p>
                    </div>
                  ))}
                </fieldset>
              )}
              <label class="option">
                <input
                  type="checkbox"
                  name="siblingsTogether"
                  value="yes"
                  checked={p.values.siblingsTogether === 'yes'}
                />
                <span>{m.siblingsTogether}</span>
              </label>
              <button class="button" type="submit">
                {m.submit}
              </button>
            </form>
          )}
        </>
      ),
    };
  };
}
