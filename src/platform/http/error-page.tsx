import type { Lang } from '../i18n/i18n.ts';
import { webMessages } from '../web/web.messages.ts';
import type { ProblemDocument } from './problem.ts';

/** What a person sees in the browser instead of a JSON problem. */
export function ErrorPage({ lang, problem }: { lang: Lang; problem: ProblemDocument }) {
  const m = webMessages(lang);
  const title = lang === 'ja' ? problem.titleJa : problem.title;
  const detail = lang === 'ja' ? problem.detailJa : problem.detail;
  return (
    <section class="error-page" aria-labelledby="error-title">
      <p class="error-page__status">{problem.status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{detail}</p>
      {problem.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>: {lang === 'ja' ? e.messageJa : e.message}
            </li>
          ))}
        </ul>
      )}
      {problem.errorId && (
        <p class="error-page__ref">
          {m.errorReference}: <code>{problem.errorId}</code>
        </p>
      )}
      <p>
        <a class="button" href="/">
          {m.errorBackHome}
        </a>
      </p>
    </section>
  );
}
