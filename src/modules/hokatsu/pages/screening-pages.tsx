import type { Lang } from '../../../platform/i18n/i18n.ts';
import { applicationMessages } from '../application.messages.ts';
import type { ApplicationStatus } from '../applications/application.tables.ts';
import type { getAllocationRun } from '../applications/get-allocation-run.ts';
import type { getApplicationForScreening } from '../applications/get-application-for-screening.ts';
import type { latestRounds } from '../applications/latest-rounds.ts';
import { counsellorMessages } from '../counsellor.messages.ts';
import { screeningMessages } from '../screening.messages.ts';
import { IndexLines } from './application-page.tsx';
import { HOKATSU_CSS } from './simulation-page.tsx';

type Flash = 'status' | 'adjusted' | 'published' | null;

function Notices({ flash, errors, lang }: { flash: Flash; errors: string[]; lang: Lang }) {
  const s = screeningMessages(lang);
  const a = applicationMessages(lang);
  return (
    <>
      {flash && (
        <p class="flash" role="status">
          {s.flash[flash]}
        </p>
      )}
      {errors.length > 0 && (
        <div class="error-summary" role="alert">
          <h2>{a.errorHeading}</h2>
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export interface QueuePageProps {
  items: {
    id: string;
    childName: string;
    roundMonth: string;
    ageClass: number;
    status: ApplicationStatus;
    finalIndex: number;
  }[];
  rounds: Awaited<ReturnType<typeof latestRounds>>;
  defaultMonth: string;
  csrfToken: string;
  errors: string[];
}

export function screeningQueuePage(p: QueuePageProps) {
  return (lang: Lang) => {
    const s = screeningMessages(lang);
    const a = applicationMessages(lang);
    return {
      title: s.title,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <h1>{s.title}</h1>
          <p>
            <a href="/staff/hokatsu/consultations">{counsellorMessages(lang).title}</a>
          </p>
          <Notices flash={null} errors={p.errors} lang={lang} />
          <section aria-labelledby="queue-title">
            <h2 id="queue-title">{s.queue}</h2>
            {p.items.length === 0 ? (
              <p>{s.empty}</p>
            ) : (
              <div class="table-wrap">
                <table class="lines" data-testid="queue">
                  <thead>
                    <tr>
                      <th scope="col">{s.child}</th>
                      <th scope="col">{s.month}</th>
                      <th scope="col">{s.ageClass}</th>
                      <th scope="col">{s.index}</th>
                      <th scope="col">{s.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((x) => (
                      <tr key={x.id}>
                        <td>
                          <a href={`/staff/hokatsu/applications/${x.id}`}>{x.childName}</a>
                        </td>
                        <td>{x.roundMonth.slice(0, 7)}</td>
                        <td class="num">{x.ageClass}</td>
                        <td class="num">{x.finalIndex}</td>
                        <td>{a.statuses[x.status]}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section aria-labelledby="allocation-title">
            <h2 id="allocation-title">{s.allocation}</h2>
            <form method="post" action="/staff/hokatsu/allocation" class="stack">
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <label for="roundMonth">{s.roundMonth}</label>
              <input id="roundMonth" name="roundMonth" type="month" required value={p.defaultMonth} />
              <label for="roundNo">{s.roundNo}</label>
              <input id="roundNo" name="roundNo" type="number" min="1" max="20" required value="1" />
              <button class="button" type="submit">
                {s.dryRun}
              </button>
            </form>
            {p.rounds.length > 0 && (
              <>
                <h3>{s.runs}</h3>
                <ul>
                  {p.rounds.map((r) => (
                    <li key={r.id}>
                      <a href={`/staff/hokatsu/allocation/${r.id}`}>
                        {`${r.roundMonth.slice(0, 7)} #${r.roundNo} — ${r.status === 'published' ? s.published : s.dryRunLabel}`}
                      </a>
                      {` : ${s.summary(r.applicants, r.offers, r.blockingPairs)}`}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      ),
    };
  };
}

export interface ScreeningPageProps {
  app: Awaited<ReturnType<typeof getApplicationForScreening>>;
  csrfToken: string;
  flash: Flash;
  errors: string[];
  allowed: readonly ('in-review' | 'needs-fix' | 'ready')[];
}

export function screeningApplicationPage({ app, csrfToken, flash, errors, allowed }: ScreeningPageProps) {
  return (lang: Lang) => {
    const s = screeningMessages(lang);
    const a = applicationMessages(lang);
    return {
      title: `${s.title} — ${app.childName}`,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <p>
            <a href="/staff/hokatsu">{s.back}</a>
          </p>
          <h1>{app.childName}</h1>
          <Notices flash={flash} errors={errors} lang={lang} />
          <dl>
            <div>
              <dt>{s.status}</dt>
              <dd data-testid="screening-status">{a.statuses[app.status]}</dd>
            </div>
            <div>
              <dt>{s.month}</dt>
              <dd>{app.roundMonth.slice(0, 7)}</dd>
            </div>
            <div>
              <dt>{s.ageClass}</dt>
              <dd>{app.ageClass}</dd>
            </div>
            <div>
              <dt>{a.finalIndex}</dt>
              <dd data-testid="final-index">{app.engine.total + app.adjustments.reduce((t, x) => t + x.points, 0)}</dd>
            </div>
          </dl>
          <h2>{s.engineHeading(app.engine.rules)}</h2>
          <IndexLines lines={app.engine.lines} lang={lang} />
          {app.adjustments.length > 0 && (
            <ul>
              {app.adjustments.map((x) => (
                <li key={x.id}>{`${x.points > 0 ? '+' : ''}${x.points}: ${x.reason}`}</li>
              ))}
            </ul>
          )}
          <h2>{a.choices}</h2>
          <ol>
            {app.choices.map((c) => (
              <li key={c.nurseryId}>{c.name}</li>
            ))}
          </ol>
          <h2>{a.documents}</h2>
          {app.documents.length === 0 ? (
            <p>{a.noDocuments}</p>
          ) : (
            <ul>
              {app.documents.map((d) => (
                <li key={d.id}>
                  <a href={`/api/v1/nursery-applications/${app.id}/documents/${d.id}`}>{d.filename}</a>
                </li>
              ))}
            </ul>
          )}
          {['submitted', 'in-review'].includes(app.status) && (
            <section aria-labelledby="adjust-title">
              <h2 id="adjust-title">{s.adjustHeading}</h2>
              <form method="post" action={`/staff/hokatsu/applications/${app.id}/adjustments`} class="stack">
                <input type="hidden" name="_csrf" value={csrfToken} />
                <label for="points">{s.points}</label>
                <input id="points" name="points" type="number" min="-100" max="100" required />
                <label for="reason">{s.reason}</label>
                <input id="reason" name="reason" required minLength={2} maxLength={500} />
                <button type="submit" class="button button--secondary">
                  {s.addAdjustment}
                </button>
              </form>
            </section>
          )}
          {allowed.length > 0 && (
            <section aria-labelledby="status-title">
              <h2 id="status-title">{s.statusHeading}</h2>
              <form method="post" action={`/staff/hokatsu/applications/${app.id}/status`} class="stack">
                <input type="hidden" name="_csrf" value={csrfToken} />
                {allowed.includes('needs-fix') && (
                  <>
                    <label for="fixRequest">{s.fixRequest}</label>
                    <textarea id="fixRequest" name="fixRequest" rows={3} maxLength={2000} />
                  </>
                )}
                <p class="button-row">
                  {allowed.map((to) => (
                    <button
                      key={to}
                      type="submit"
                      name="status"
                      value={to}
                      class={to === 'needs-fix' ? 'button button--secondary' : 'button'}
                    >
                      {s.to[to]}
                    </button>
                  ))}
                </p>
              </form>
            </section>
          )}
        </>
      ),
    };
  };
}

export function allocationRunPage(p: {
  run: Awaited<ReturnType<typeof getAllocationRun>>;
  csrfToken: string;
  flash: Flash;
  errors: string[];
}) {
  return (lang: Lang) => {
    const s = screeningMessages(lang);
    const { round, rows, minimum } = p.run;
    return {
      title: `${s.allocation} ${round.roundMonth.slice(0, 7)} #${round.roundNo}`,
      body: (
        <>
          <link rel="stylesheet" href={HOKATSU_CSS} />
          <p>
            <a href="/staff/hokatsu">{s.back}</a>
          </p>
          <h1>{`${s.allocation} ${round.roundMonth.slice(0, 7)} #${round.roundNo}`}</h1>
          <Notices flash={p.flash} errors={p.errors} lang={lang} />
          <p data-testid="run-summary">
            {`${round.status === 'published' ? s.published : s.dryRunLabel}: ${s.summary(round.applicants, round.offers, round.blockingPairs)}`}
          </p>
          {round.status === 'dry-run' && (
            <form method="post" action={`/staff/hokatsu/allocation/${round.id}/publish`}>
              <input type="hidden" name="_csrf" value={p.csrfToken} />
              <button class="button" type="submit">
                {s.publish}
              </button>
            </form>
          )}
          <div class="table-wrap">
            <table class="lines">
              <thead>
                <tr>
                  <th scope="col">{s.child}</th>
                  <th scope="col">{s.ageClass}</th>
                  <th scope="col">{s.index}</th>
                  <th scope="col">{s.assigned}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={`/staff/hokatsu/applications/${r.id}`}>{r.childName}</a>
                    </td>
                    <td class="num">{r.ageClass}</td>
                    <td class="num">{r.finalIndex}</td>
                    <td>{r.assigned ?? s.unassigned}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2>{s.minimumHeading}</h2>
          <div class="table-wrap">
            <table class="lines">
              <thead>
                <tr>
                  <th scope="col">{s.nursery}</th>
                  <th scope="col">{s.ageClass}</th>
                  <th scope="col">{s.index}</th>
                </tr>
              </thead>
              <tbody>
                {minimum.map((x) => (
                  <tr key={`${x.nursery}/${x.ageClass}`}>
                    <td>{x.nursery}</td>
                    <td class="num">{x.ageClass}</td>
                    <td class="num">{x.minimumIndex}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ),
    };
  };
}
