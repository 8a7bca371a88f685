import type { Lang } from '../../../platform/i18n/i18n.ts';
import { CHANNELS, MESSAGE_LANGS } from '../messages/message-draft.ts';
import { MESSAGE_LIMITS } from '../messages/message-limits.ts';
import type { MessageDraftView } from '../use-cases/list-message-drafts.ts';
import { draftMessages } from './draft.messages.ts';

const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;
const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

const MAX_CHARS = {
  line: MESSAGE_LIMITS.lineChars,
  pushTitle: MESSAGE_LIMITS.pushTitleChars,
  pushBody: MESSAGE_LIMITS.pushBodyChars,
  emailSubject: MESSAGE_LIMITS.emailSubjectChars,
  emailBody: MESSAGE_LIMITS.emailBodyChars,
} as const;

function Errors({ lang, errors }: { lang: Lang; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <div class="error-summary" role="alert">
      <h2>{draftMessages(lang).errors}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e}>{e}</li>
        ))}
      </ul>
    </div>
  );
}

export function messageDraftListPage(lang: Lang, props: { drafts: MessageDraftView[] }) {
  const m = draftMessages(lang);
  return {
    title: m.listTitle,
    body: (
      <section class="panel" aria-labelledby="assist-drafts">
        <h1 id="assist-drafts">{m.listTitle}</h1>
        <p>{m.listLead}</p>
        {props.drafts.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <table data-testid="assist-drafts">
            <thead>
              <tr>
                <th scope="col">{m.program}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.template}</th>
                <th scope="col">{m.updated}</th>
              </tr>
            </thead>
            <tbody>
              {props.drafts.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`/staff/assist/message-drafts/${d.id}`}>{d.programName}</a>
                  </td>
                  <td>
                    {m.statuses[d.status]} ({m.generator[d.generator]})
                  </td>
                  <td>{d.templateKey ? `${d.templateKey} v${d.templateVersion}` : '—'}</td>
                  <td>{day(d.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p>
          <a href="/staff/assist">{m.proposals}</a>
        </p>
      </section>
    ),
  };
}

export function messageDraftPage(
  lang: Lang,
  props: {
    csrfToken: string;
    draft: MessageDraftView;
    errors: string[];
    saved: boolean;
    announced: number | null;
    defaultSendAt: string;
  },
) {
  const m = draftMessages(lang);
  const { draft } = props;
  const editable = draft.status === 'draft';
  return {
    title: m.draftTitle(draft.programName),
    body: (
      <section class="panel assist-draft" aria-labelledby="assist-draft">
        <h1 id="assist-draft">{m.draftTitle(draft.programName)}</h1>
        <Errors lang={lang} errors={props.errors} />
        {props.saved ? (
          <p class="notice notice--success" role="status">
            {m.saved}
          </p>
        ) : null}
        <p>
          {m.status}: <strong data-testid="draft-status">{m.statuses[draft.status]}</strong> ·{' '}
          {m.generator[draft.generator]}
        </p>
        {draft.templateKey && draft.templateVersion != null ? (
          <p class="notice notice--success" role="status" data-testid="draft-template">
            {m.approved(draft.templateKey, draft.templateVersion)}
          </p>
        ) : null}
        <p>{m.variables}</p>
        <form method="post" action={`/staff/assist/message-drafts/${draft.id}`}>
          <Csrf token={props.csrfToken} />
          {MESSAGE_LANGS.map((l) => (
            <fieldset key={l} lang={l === 'en' ? 'en' : 'ja'} data-lang={l}>
              <legend>{m.langs[l]}</legend>
              {CHANNELS.map((c) => {
                const id = `draft-${l}-${c}`;
                const long = c === 'line' || c === 'emailBody';
                return (
                  <div class="field" key={c}>
                    <label for={id}>{m.channels[c]}</label>
                    {long ? (
                      <textarea id={id} name={`${l}.${c}`} rows={6} maxlength={MAX_CHARS[c]} readonly={!editable}>
                        {draft.texts[l][c]}
                      </textarea>
                    ) : (
                      <input
                        id={id}
                        name={`${l}.${c}`}
                        value={draft.texts[l][c]}
                        maxlength={MAX_CHARS[c]}
                        readonly={!editable}
                      />
                    )}
                  </div>
                );
              })}
            </fieldset>
          ))}
          {editable ? (
            <button class="button button--secondary" type="submit">
              {m.save}
            </button>
          ) : null}
        </form>
        {editable ? (
          <form method="post" action={`/staff/assist/message-drafts/${draft.id}/approve`}>
            <Csrf token={props.csrfToken} />
            <p>{m.approveNote}</p>
            <button class="button" type="submit">
              {m.approve}
            </button>
          </form>
        ) : (
          <form method="post" action={`/staff/assist/message-drafts/${draft.id}/announce`} data-testid="announce-form">
            <Csrf token={props.csrfToken} />
            <h2>{m.announceTitle}</h2>
            <p>{m.announceNote}</p>
            <div class="field">
              <label for="announce-send-at">{m.sendAt}</label>
              <input id="announce-send-at" name="sendAt" type="datetime-local" value={props.defaultSendAt} required />
            </div>
            <button class="button" type="submit">
              {m.announce}
            </button>
          </form>
        )}
        {props.announced != null ? (
          <p class="notice notice--success" role="status" data-testid="draft-announced">
            {m.announced(props.announced)}
          </p>
        ) : null}
        <p>
          <a href="/staff/assist/message-drafts">{m.back}</a>
        </p>
      </section>
    ),
  };
}
