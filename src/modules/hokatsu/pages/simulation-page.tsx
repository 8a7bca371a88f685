import type { Lang } from '../../../platform/i18n/i18n.ts';
import { applicationMessages } from '../application.messages.ts';
import { hokatsuMessages } from '../hokatsu.messages.ts';
import { type FlowView, toIndexAnswers } from '../index-rules/simulation-flow.ts';

export const HOKATSU_CSS = '/hokatsu/assets/hokatsu.css';

/** A nursery the parent is considering, with last round's lowest admitted index for the child's age class. */
export interface IndexComparison {
  nurseryName: string;
  ageClass: number;
  minimumIndex: number | null;
  /** Marker published instead of a number, e.g. 空有 / 非公開 / "38点以下". */
  label: string | null;
}

export interface SimulationPageProps {
  view: FlowView;
  csrfToken: string;
  /** Carried through the flow when the parent came from a nursery's page. */
  compare: string[];
  comparisons: IndexComparison[] | null;
}

export function simulationPage(props: SimulationPageProps) {
  return (lang: Lang) => {
    const m = hokatsuMessages(lang);
    const { view } = props;
    const t = (text: { ja: string; en: string }) => text[lang];
    return {
      title: m.simulateTitle,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.simulateTitle}</h1>
          <p>{m.simulateLead}</p>
          {view.history.length > 0 && (
            <ol class="chat" aria-label={m.simulateTitle}>
              {view.history.flatMap((h, i) => [
                <li class="chat__q" key={`q${i}`}>
                  {t(h.prompt)}
                </li>,
                <li class="chat__a" key={`a${i}`}>
                  <span class="visually-hidden">{`${m.you}: `}</span>
                  {t(h.answer)}
                </li>,
              ])}
            </ol>
          )}
          {view.question && (
            <form method="post" action="/hokatsu/simulate" novalidate>
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="state" value={JSON.stringify(view.answers)} />
              <input type="hidden" name="step" value={view.question.step} />
              {props.compare.map((c) => (
                <input type="hidden" name="compare" value={c} key={c} />
              ))}
              <fieldset class="question" aria-describedby={view.error ? 'question-error' : undefined}>
                <legend>{t(view.question.prompt)}</legend>
                {view.error && (
                  <p class="form-error" id="question-error" role="alert">
                    {m.errorPrefix}
                    {t(view.error)}
                  </p>
                )}
                {view.question.kind === 'numbers'
                  ? view.question.fields.map((f) => (
                      <div class="field" key={f.name}>
                        <label for={`f-${f.name}`}>{t(f.label)}</label>
                        <input
                          id={`f-${f.name}`}
                          name={f.name}
                          type="number"
                          inputMode="decimal"
                          min={f.min}
                          max={f.max}
                          step="0.5"
                          required
                        />
                      </div>
                    ))
                  : view.question.options.map((o, i) => (
                      <label class="option" key={o.value}>
                        <input
                          type={view.question?.kind === 'multi' ? 'checkbox' : 'radio'}
                          name="answer"
                          value={o.value}
                          required={view.question?.kind === 'choice' && i === 0}
                        />
                        <span>
                          {t(o.label)}
                          {'hint' in o && o.hint && <span class="option__hint">{t(o.hint)}</span>}
                        </span>
                      </label>
                    ))}
              </fieldset>
              <p class="button-row">
                <button class="button" type="submit">
                  {m.next}
                </button>
              </p>
            </form>
          )}
          {!view.question && view.error && (
            <p class="form-error" role="alert">
              {m.errorPrefix}
              {t(view.error)}
            </p>
          )}
          {view.result && view.rules && (
            <section aria-labelledby="result-title">
              <h2 id="result-title">{m.resultHeading}</h2>
              <p class="notice">
                {t(view.rules.notice)} {m.sampleNotice}
              </p>
              <p>{m.total}</p>
              <p class="score" data-testid="index-total">
                {view.result.total} <small>{m.points}</small>
              </p>
              <div class="table-wrap">
                <table class="lines">
                  <thead>
                    <tr>
                      <th scope="col">{m.lineHeading}</th>
                      <th scope="col">{m.pointsHeading}</th>
                      <th scope="col">{m.detailHeading}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {view.result.lines.map((line, i) => (
                      <tr key={i}>
                        <th scope="row">
                          {line.parent ? `${m.parent(line.parent)}: ` : ''}
                          {t(line.label)}
                        </th>
                        <td class="num">{line.points}</td>
                        <td>{t(line.detail)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {props.comparisons !== null && (
                <ComparisonTable comparisons={props.comparisons} total={view.result.total} lang={lang} />
              )}
              <form method="get" action="/hokatsu/apply" class="button-row">
                <input type="hidden" name="answers" value={JSON.stringify(toIndexAnswers(view.answers))} />
                <button class="button" type="submit">
                  {applicationMessages(lang).applyWithAnswers}
                </button>
              </form>
              <h3>{m.sources}</h3>
              <ul>
                {view.rules.sources.map((s) => (
                  <li key={s.title}>
                    {s.url ? <a href={s.url}>{s.title}</a> : s.title}
                    {s.note ? ` — ${s.note}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p>
            <a href="/hokatsu/simulate">{m.startOver}</a>
          </p>
        </>
      ),
    };
  };
}

function ComparisonTable({ comparisons, total, lang }: { comparisons: IndexComparison[]; total: number; lang: Lang }) {
  const m = hokatsuMessages(lang);
  return (
    <section aria-labelledby="comparison-title">
      <h3 id="comparison-title">{m.comparisonHeading}</h3>
      {comparisons.length === 0 ? (
        <p>{m.comparisonNone}</p>
      ) : (
        <div class="table-wrap">
          <table class="lines" data-testid="comparison">
            <thead>
              <tr>
                <th scope="col">{m.nurseryHeading}</th>
                <th scope="col">{m.lowestHeading}</th>
                <th scope="col">{m.resultHeading}</th>
              </tr>
            </thead>
            <tbody>
              {comparisons.map((c) => (
                <tr key={`${c.nurseryName}/${c.ageClass}`}>
                  <th scope="row">{`${c.nurseryName} (${lang === 'ja' ? `${c.ageClass}歳児` : `age ${c.ageClass}`})`}</th>
                  <td class="num">{c.minimumIndex ?? c.label ?? '—'}</td>
                  <td>
                    {c.minimumIndex === null
                      ? '—'
                      : total > c.minimumIndex
                        ? m.comparisonAbove
                        : total === c.minimumIndex
                          ? m.comparisonEqual
                          : m.comparisonBelow}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>{m.comparisonNote}</p>
    </section>
  );
}
