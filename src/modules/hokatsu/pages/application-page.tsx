import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { ApplicantExplanation } from '../allocation/allocate.ts';
import { applicationMessages } from '../application.messages.ts';
import type { ApplicationDetail } from '../applications/application.repository.ts';
import type { ApplicationStatus } from '../applications/application.tables.ts';
import type { IndexLine } from '../index-rules/compute-index.ts';
import { HOKATSU_CSS } from './simulation-page.tsx';

export function IndexLines({ lines, lang }: { lines: IndexLine[]; lang: Lang }) {
  return (
    <div class="table-wrap">
      <table class="lines" data-testid="index-lines">
        <tbody>
          {lines.map((l, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines have no id and never reorder
            <tr key={i}>
              <td>{lang === 'ja' ? l.label.ja : l.label.en}</td>
              <td class="num">{l.points}</td>
              <td>{lang === 'ja' ? l.detail.ja : l.detail.en}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Explanation({
  explanation,
  names,
  lang,
}: {
  explanation: ApplicantExplanation;
  names: Map<string, string>;
  lang: Lang;
}) {
  const m = applicationMessages(lang);
  return (
    <>
      <h3>{m.explanationHeading}</h3>
      <ol>
        {explanation.choices.map((c) => (
          <li key={c.nursery}>
            {`${names.get(c.nursery) ?? c.nursery}: ${m.outcomes[c.outcome] ?? c.outcome}`}
            {c.lowestAdmitted ? ` (${c.lowestAdmitted[0]})` : ''}
          </li>
        ))}
      </ol>
    </>
  );
}

export function applicationsListPage(
  items: { id: string; childName: string; roundMonth: string; status: ApplicationStatus }[],
) {
  return (lang: Lang) => {
    const m = applicationMessages(lang);
    return {
      title: m.myApplications,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{m.myApplications}</h1>
          {items.length === 0 ? (
            <p>{m.noApplications}</p>
          ) : (
            <ul>
              {items.map((a) => (
                <li key={a.id}>
                  <a href={`/hokatsu/applications/${a.id}`}>{`${a.childName} — ${a.roundMonth.slice(0, 7)}`}</a>
                  {` : ${m.statuses[a.status]}`}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href="/hokatsu/simulate">{m.simulateFirst}</a>
          </p>
        </>
      ),
    };
  };
}

export interface ApplicationPageProps {
  app: ApplicationDetail;
  csrfToken: string;
  flash: 'submitted' | 'uploaded' | 'answered' | 'resubmitted' | null;
  error: string | null;
}

/** A parent's application: status, index explanation, choices, documents, and the offer to answer. */
export function applicationPage({ app, csrfToken, flash, error }: ApplicationPageProps) {
  return (lang: Lang) => {
    const m = applicationMessages(lang);
    const names = new Map(app.choices.map((c) => [c.nurseryId, c.name]));
    const open = ['submitted', 'in-review', 'needs-fix'].includes(app.status);
    return {
      title: m.applicationTitle(app.childName),
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <p>
            <a href="/hokatsu/applications">{m.myApplications}</a>
          </p>
          <h1>{m.applicationTitle(app.childName)}</h1>
          {flash && (
            <p class="flash" role="status">
              {m.flash[flash]}
            </p>
          )}
          {error && (
            <div class="error-summary" role="alert">
              <h2>{m.errorHeading}</h2>
              <p>{error}</p>
            </div>
          )}
          <dl>
            <div>
              <dt>{m.statusLabel}</dt>
              <dd data-testid="application-status">{m.statuses[app.status]}</dd>
            </div>
            <div>
              <dt>{m.intakeMonth}</dt>
              <dd>{app.roundMonth.slice(0, 7)}</dd>
            </div>
            <div>
              <dt>{m.finalIndex}</dt>
              <dd>{app.finalIndex}</dd>
            </div>
          </dl>
          {app.status === 'offered' && (
            <section aria-labelledby="offer-title" class="notice">
              <h2 id="offer-title">{m.offerHeading}</h2>
              <p data-testid="offer">{m.offerText(app.offeredNurseryName ?? '')}</p>
              <form method="post" action={`/hokatsu/applications/${app.id}/offer`} class="button-row">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <button class="button" type="submit" name="answer" value="accepted">
                  {m.accept}
                </button>{' '}
                <button type="submit" name="answer" value="declined" class="button button--secondary">
                  {m.decline}
                </button>
              </form>
            </section>
          )}
          {app.status === 'waitlisted' && (
            <section aria-labelledby="offer-title">
              <h2 id="offer-title">{m.offerHeading}</h2>
              <p>{m.waitlistText(app.waitlistRank)}</p>
            </section>
          )}
          {app.explanation ? (
            <Explanation explanation={app.explanation as ApplicantExplanation} names={names} lang={lang} />
          ) : null}
          {app.status === 'needs-fix' && (
            <section aria-labelledby="fix-title" class="notice">
              <h2 id="fix-title">{m.fixHeading}</h2>
              <p>{app.fixRequest}</p>
              <form method="post" action={`/hokatsu/applications/${app.id}/resubmit`}>
                <input type="hidden" name="_csrf" value={csrfToken} />
                <button class="button" type="submit">
                  {m.resubmit}
                </button>
              </form>
            </section>
          )}
          <h2>{m.choices}</h2>
          <ol>
            {app.choices.map((c) => (
              <li key={c.nurseryId}>
                <a href={`/hokatsu/nurseries/${c.nurseryId}`}>{c.name}</a>
              </li>
            ))}
          </ol>
          <h2>{m.indexHeading}</h2>
          <IndexLines lines={app.indexLines} lang={lang} />
          {app.adjustments.length > 0 && (
            <>
              <h3>{m.adjustments}</h3>
              <ul>
                {app.adjustments.map((a) => (
                  <li key={a.id}>{`${a.points > 0 ? '+' : ''}${a.points}: ${a.reason}`}</li>
                ))}
              </ul>
            </>
          )}
          <h2>{m.documents}</h2>
          {app.documents.length === 0 ? (
            <p>{m.noDocuments}</p>
          ) : (
            <ul>
              {app.documents.map((d) => (
                <li key={d.id}>
                  <a href={`/api/v1/nursery-applications/${app.id}/documents/${d.id}`}>{d.filename}</a>
                  {` (${Math.ceil(d.sizeBytes / 1024)} KB)`}
                </li>
              ))}
            </ul>
          )}
          {open && (
            <form
              method="post"
              action={`/hokatsu/applications/${app.id}/documents`}
              enctype="multipart/form-data"
              class="stack"
            >
              <input type="hidden" name="_csrf" value={csrfToken} />
              <label for="file">{m.uploadLabel}</label>
              <input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required />
              <p class="option__hint">{m.uploadHint}</p>
              <button type="submit" class="button button--secondary">
                {m.upload}
              </button>
            </form>
          )}
        </>
      ),
    };
  };
}
