import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { Evidence, Money } from '../extraction/candidate.ts';
import type { ProposalField } from '../extraction/extractor.ts';
import type { DiffRow } from '../proposal-diff.ts';
import type { ProposalView } from '../use-cases/get-proposal.ts';
import { assistMessages } from './assist.messages.ts';

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

function Errors({ lang, errors }: { lang: Lang; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{assistMessages(lang).errors}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function assistConsolePage(lang: Lang, props: { programs: { id: string; name: string }[]; q: string }) {
  const m = assistMessages(lang);
  return {
    title: m.consoleTitle,
    body: (
      <section class="panel" aria-labelledby="assist-console">
        <h1 id="assist-console">{m.consoleTitle}</h1>
        <p>{m.consoleLead}</p>
        <form method="get" action="/staff/assist" class="registry-filter">
          <div class="field">
            <label for="assist-q">{m.programs}</label>
            <input id="assist-q" name="q" type="search" value={props.q} />
          </div>
        </form>
        <ul class="item-list" data-testid="assist-programs">
          {props.programs.map((p) => (
            <li key={p.id}>
              {p.name} — <a href={`/staff/assist/programs/${p.id}/proposals/new`}>{m.propose}</a> ·{' '}
              <a href={`/staff/assist/programs/${p.id}/proposals`}>{m.proposalsLink}</a>
            </li>
          ))}
        </ul>
        <p>
          <a href="/staff/assist/message-drafts">{m.allDrafts}</a>
        </p>
      </section>
    ),
  };
}

export function newProposalPage(
  lang: Lang,
  props: { csrfToken: string; program: { id: string; name: string }; errors: string[]; url: string; text: string },
) {
  const m = assistMessages(lang);
  return {
    title: m.newTitle(props.program.name),
    body: (
      <section class="panel" aria-labelledby="assist-new">
        <h1 id="assist-new">{m.newTitle(props.program.name)}</h1>
        <Errors lang={lang} errors={props.errors} />
        <p>{m.oneOf}</p>
        <form
          method="post"
          action={`/staff/assist/programs/${props.program.id}/proposals`}
          enctype="multipart/form-data"
          class="assist-source-form"
        >
          <Csrf token={props.csrfToken} />
          <div class="field">
            <label for="assist-file">{m.file}</label>
            <input
              id="assist-file"
              name="file"
              type="file"
              accept=".html,.htm,.pdf,.txt,text/html,application/pdf,text/plain"
            />
          </div>
          <div class="field">
            <label for="assist-url">{m.url}</label>
            <input id="assist-url" name="url" type="url" value={props.url} />
          </div>
          <div class="field">
            <label for="assist-text">{m.text}</label>
            <textarea id="assist-text" name="text" rows={6}>
              {props.text}
            </textarea>
          </div>
          <button class="button" type="submit">
            {m.read}
          </button>
        </form>
      </section>
    ),
  };
}

/** The quote inside a little of its surrounding text, the quote itself marked. */
function EvidenceSnippet({ text, evidence }: { text: string; evidence: Evidence }) {
  const before = text.slice(Math.max(0, evidence.start - 30), evidence.start);
  const after = text.slice(evidence.end, evidence.end + 30);
  return (
    <q class="assist-evidence">
      {evidence.start > 30 ? '…' : ''}
      {before}
      <mark>{text.slice(evidence.start, evidence.end)}</mark>
      {after}
      {evidence.end + 30 < text.length ? '…' : ''}
    </q>
  );
}

function show(lang: Lang, field: ProposalField, value: unknown): string {
  const m = assistMessages(lang);
  if (value == null || value === '') return m.none;
  if (field === 'ageMonths') {
    const v = value as { min: number | null; max: number | null };
    return `[${m.months(v.min)}, ${m.months(v.max)})`;
  }
  if (field === 'procedurePeriod' || field === 'implementationPeriod') {
    const v = value as { from: string | null; to: string | null };
    return v.from || v.to ? `${v.from ?? '—'} 〜 ${v.to ?? '—'}` : m.none;
  }
  if (field === 'prenatal') return value ? m.yes : m.none;
  if (field === 'amounts') return (value as Money[]).map((a) => `${a.yen.toLocaleString('ja-JP')}円`).join('、');
  return String(value);
}

function EditInput({ lang, row }: { lang: Lang; row: DiffRow }) {
  const m = assistMessages(lang);
  const id = `edit-${row.field}`;
  if (row.field === 'ageMonths') {
    const v = row.proposed as { min: number | null; max: number | null };
    return (
      <span class="assist-edit">
        <label for={`${id}-min`}>{m.min}</label>
        <input id={`${id}-min`} name={`${row.field}.min`} inputmode="numeric" value={v.min ?? ''} size={4} />
        <label for={`${id}-max`}>{m.max}</label>
        <input id={`${id}-max`} name={`${row.field}.max`} inputmode="numeric" value={v.max ?? ''} size={4} />
      </span>
    );
  }
  if (row.field === 'procedurePeriod' || row.field === 'implementationPeriod') {
    const v = row.proposed as { from: string | null; to: string | null };
    return (
      <span class="assist-edit">
        <label for={`${id}-from`}>{m.from}</label>
        <input id={`${id}-from`} name={`${row.field}.from`} type="date" value={v.from ?? ''} />
        <label for={`${id}-to`}>{m.to}</label>
        <input id={`${id}-to`} name={`${row.field}.to`} type="date" value={v.to ?? ''} />
      </span>
    );
  }
  if (row.field === 'prenatal') {
    return (
      <span class="assist-edit">
        <input id={id} name={row.field} type="checkbox" value="true" checked={row.proposed === true} />
        <label for={id}>{m.fields.prenatal}</label>
      </span>
    );
  }
  return (
    <span class="assist-edit">
      <label for={id}>{m.editValue}</label>
      <textarea id={id} name={row.field} rows={2}>
        {String(row.proposed ?? '')}
      </textarea>
    </span>
  );
}

export function proposalPage(
  lang: Lang,
  props: { csrfToken: string; view: ProposalView; errors: string[]; stuck: boolean },
) {
  const m = assistMessages(lang);
  const { proposal, program, diff } = props.view;
  const name = program.open?.data.name ?? program.data.name;
  const open = proposal.status === 'open';
  return {
    title: m.proposalTitle(name),
    body: (
      <section class="panel assist-proposal" aria-labelledby="assist-proposal">
        <h1 id="assist-proposal">{m.proposalTitle(name)}</h1>
        <Errors lang={lang} errors={props.errors} />
        <p>
          {m.source}: {proposal.sourceName ?? proposal.sourceKind} · {m.extractor[proposal.extractor]} ·{' '}
          <strong data-testid="proposal-status">{props.stuck ? m.stuck : m.status[proposal.status]}</strong>
        </p>
        {props.stuck ? (
          <form method="post" action={`/staff/assist/proposals/${proposal.id}/resume`}>
            <Csrf token={props.csrfToken} />
            <p>{m.stuckNote}</p>
            <button class="button" type="submit">
              {m.resume}
            </button>
          </form>
        ) : null}
        {proposal.notices.map((n) => (
          <p class="notice" role="status" key={n.en}>
            {lang === 'ja' ? n.ja : n.en}
          </p>
        ))}
        {diff.length === 0 ? <p>{m.nothingProposed}</p> : null}
        <form method="post" action={`/staff/assist/proposals/${proposal.id}`}>
          <Csrf token={props.csrfToken} />
          {diff.map((row) => (
            <fieldset
              class={`assist-field${row.changed ? ' assist-field--changed' : ''}`}
              key={row.field}
              data-field={row.field}
            >
              <legend>{m.fields[row.field]}</legend>
              <dl>
                <dt>{m.current}</dt>
                <dd>{row.applicable ? show(lang, row.field, row.current) : m.info}</dd>
                <dt>{m.proposed}</dt>
                <dd>
                  <ins>{show(lang, row.field, row.proposed)}</ins>
                </dd>
                <dt>{m.evidence}</dt>
                <dd>
                  {row.evidence.map((e) => (
                    <EvidenceSnippet key={`${e.start}-${e.end}`} text={proposal.sourceText} evidence={e} />
                  ))}
                </dd>
              </dl>
              {row.applicable && open ? (
                <div class="assist-decision" role="radiogroup" aria-label={`${m.decision}: ${m.fields[row.field]}`}>
                  {(['accept', 'edit', 'reject'] as const).map((action) => (
                    <span key={action}>
                      <input
                        type="radio"
                        id={`decision-${row.field}-${action}`}
                        name={`decision.${row.field}`}
                        value={action}
                        checked={action === 'reject'}
                      />
                      <label for={`decision-${row.field}-${action}`}>{m[action]}</label>
                    </span>
                  ))}
                  <EditInput lang={lang} row={row} />
                </div>
              ) : null}
            </fieldset>
          ))}
          {open && diff.some((d) => d.applicable) ? (
            <>
              <p>{m.applyNote}</p>
              <button class="button" type="submit">
                {m.apply}
              </button>
            </>
          ) : null}
        </form>
      </section>
    ),
  };
}
