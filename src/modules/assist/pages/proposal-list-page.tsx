import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { ProposalStatus } from '../proposal-status.ts';
import { assistMessages } from './assist.messages.ts';

export interface ProposalListRow {
  id: string;
  status: ProposalStatus;
  sourceKind: string;
  sourceName: string | null;
  createdAt: Date;
  appliedVersion: number | null;
  /** An `applying` claim whose lease ran out: the process died, staff may resume it. */
  stuck: boolean;
}

const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

/** A program's proposals, newest first, with their status; each links to its field diff. */
export function proposalListPage(
  lang: Lang,
  props: { csrfToken: string; program: { id: string; name: string }; proposals: ProposalListRow[]; errors: string[] },
) {
  const m = assistMessages(lang);
  return {
    title: m.listTitle(props.program.name),
    body: (
      <section class="panel" aria-labelledby="assist-proposals">
        <h1 id="assist-proposals">{m.listTitle(props.program.name)}</h1>
        {props.errors.length ? (
          <div class="error-summary" role="alert">
            <h2>{m.errors}</h2>
            <ul>
              {props.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <p>
          <a class="button" href={`/staff/assist/programs/${props.program.id}/proposals/new`}>
            {m.propose}
          </a>
        </p>
        <form method="post" action={`/staff/assist/programs/${props.program.id}/message-drafts`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <button class="button button--secondary" type="submit">
            {m.draftsLink}
          </button>
        </form>
        {props.proposals.length === 0 ? (
          <p>{m.noProposals}</p>
        ) : (
          <table data-testid="assist-proposals">
            <thead>
              <tr>
                <th scope="col">{m.created}</th>
                <th scope="col">{m.source}</th>
                <th scope="col">{m.statusLabel}</th>
              </tr>
            </thead>
            <tbody>
              {props.proposals.map((p) => (
                <tr key={p.id} data-status={p.status}>
                  <td>
                    <a href={`/staff/assist/proposals/${p.id}`}>{when(p.createdAt)}</a>
                  </td>
                  <td>{p.sourceName ?? p.sourceKind}</td>
                  <td>
                    {p.stuck ? m.stuck : m.status[p.status]}
                    {p.appliedVersion != null ? ` (${m.versionLabel(p.appliedVersion)})` : ''}
                    {p.stuck ? (
                      <form method="post" action={`/staff/assist/proposals/${p.id}/resume`}>
                        <input type="hidden" name="_csrf" value={props.csrfToken} />
                        <button class="button button--secondary" type="submit">
                          {m.resume}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href="/staff/assist">{m.consoleTitle}</a>
        </p>
      </section>
    ),
  };
}
