import { auditActionLabel, auditPurposeLabel } from '../../../platform/audit/audit-labels.ts';
import type { Lang } from '../../../platform/i18n/i18n.ts';
import '../identity.audit-labels.ts';
import type { AccessLogEntry, ConsentView } from '../consent.schemas.ts';
import { CONSENT_KINDS, type ConsentKind } from '../tables/household.tables.ts';
import { municipalityName } from './household-page.tsx';
import { parentMessages } from './parent.messages.ts';
import { ParentNav } from './parent-nav.tsx';

function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(iso));
}

export function consentsPage(
  lang: Lang,
  props: {
    consents: ConsentView[];
    targets: { kind: ConsentKind; target: string; name: string }[];
    csrfToken: string;
  },
) {
  const m = parentMessages(lang);
  const active = props.consents.filter((c) => !c.revokedAt);
  const history = props.consents.filter((c) => c.revokedAt);
  return {
    title: m.consentsTitle,
    body: (
      <>
        <ParentNav lang={lang} current="/consents" csrfToken={props.csrfToken} />
        <h1>{m.consentsTitle}</h1>
        <p>{m.consentsLead}</p>
        {CONSENT_KINDS.map((kind) => (
          <section class="panel" key={kind} aria-labelledby={`kind-${kind}`}>
            <h2 id={`kind-${kind}`}>{m.consentKinds[kind]}</h2>
            {props.targets.some((t) => t.kind === kind) ? null : <p>{m.noPartnerApps}</p>}
            <ul class="item-list">
              {props.targets
                .filter((t) => t.kind === kind)
                .map((t) => {
                  const consent = active.find((c) => c.kind === kind && c.target === t.target);
                  const label = kind === 'partner-app' ? t.name : (m.consentTargets[t.target] ?? t.target);
                  return (
                    <li key={t.target} data-testid={`consent-${kind}-${t.target}`}>
                      <strong>{label}</strong>: {consent ? m.granted : m.notGranted}
                      {consent ? ` (${m.grantedAt} ${formatTime(consent.grantedAt, lang)})` : ''}
                      <form method="post" action="/consents" class="button-row">
                        <input type="hidden" name="_csrf" value={props.csrfToken} />
                        {consent ? (
                          <>
                            <input type="hidden" name="consentId" value={consent.id} />
                            <button class="button button--secondary" type="submit" name="action" value="revoke">
                              {m.revoke}
                            </button>
                          </>
                        ) : (
                          <>
                            <input type="hidden" name="kind" value={kind} />
                            <input type="hidden" name="target" value={t.target} />
                            <button class="button" type="submit" name="action" value="grant">
                              {m.grant}
                            </button>
                          </>
                        )}
                      </form>
                    </li>
                  );
                })}
            </ul>
          </section>
        ))}
        {history.length > 0 ? (
          <section class="panel" aria-labelledby="history">
            <h2 id="history">{m.history}</h2>
            <ul>
              {history.map((c) => (
                <li key={c.id}>
                  {c.kind === 'partner-app' ? c.targetName : (m.consentTargets[c.target] ?? c.target)}: {m.grantedAt}{' '}
                  {formatTime(c.grantedAt, lang)} ・ {m.revokedAt} {formatTime(c.revokedAt!, lang)}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </>
    ),
  };
}

/** A column's name inside the cell, shown only where the entries are stacked as cards (narrow screens). */
function Label({ text }: { text: string }) {
  return (
    <span class="access-log__label" aria-hidden="true">
      {text}
    </span>
  );
}

export function accessLogPage(lang: Lang, props: { entries: AccessLogEntry[]; csrfToken: string }) {
  const m = parentMessages(lang);
  return {
    title: m.accessLogTitle,
    body: (
      <>
        <ParentNav lang={lang} current="/access-log" csrfToken={props.csrfToken} />
        <h1>{m.accessLogTitle}</h1>
        <p>{m.accessLogLead}</p>
        {props.entries.length === 0 ? (
          <p>{m.noAccess}</p>
        ) : (
          <div class="table-wrap">
            {/* Four columns do not fit a 360 px phone (the institution code split mid-number, dates and words broke):
                below 30rem app.css stacks each entry as a card with its own labels (access-log__label, hidden from
                screen readers, which keep the visually hidden column headers). */}
            <table class="access-log" data-testid="access-log">
              <thead>
                <tr>
                  <th scope="col">{m.when}</th>
                  <th scope="col">{m.who}</th>
                  <th scope="col">{m.what}</th>
                  <th scope="col">{m.why}</th>
                </tr>
              </thead>
              <tbody>
                {props.entries.map((e, i) => (
                  <tr key={`${e.occurredAt}-${i}`}>
                    <td>
                      <Label text={m.when} />
                      <time class="access-log__time" dateTime={e.occurredAt}>
                        {formatTime(e.occurredAt, lang)}
                      </time>
                    </td>
                    <td>
                      <Label text={m.who} />
                      {e.municipalityCode ? `${municipalityName(e.municipalityCode, lang)} ` : ''}
                      {m.actorTypes[e.actorType] ?? e.actorType}
                      {e.institutionCode ? (
                        <>
                          <br />
                          <span class="access-log__institution" data-testid="institution">
                            {m.institution} {e.institutionCode}
                          </span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <Label text={m.what} />
                      {auditActionLabel(e.action, lang) ?? <code>{e.action}</code>}
                      {m.outcomes[e.outcome]}
                    </td>
                    <td>
                      <Label text={m.why} />
                      {auditPurposeLabel(e.purpose, lang)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>
    ),
  };
}
