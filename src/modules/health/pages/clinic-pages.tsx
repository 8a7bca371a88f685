import type { Lang } from '../../../platform/i18n/i18n.ts';
import { isoFromDay } from '../../../platform/time/civil-days.ts';
import type { VisitView } from '../clinic/visit-view.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { checkupMessages } from './checkup.messages.ts';
import { CheckupTable, ClinicCheckupForm } from './checkup-parts.tsx';
import { healthMessages } from './health.messages.ts';
import { Errors, type FieldMessage } from './page-helpers.tsx';
import { vaccineName } from './parent-health-pages.tsx';

export function clinicCodePage(lang: Lang, props: { csrfToken: string; errors: FieldMessage[] }) {
  const m = healthMessages(lang);
  return {
    title: m.clinicTitle,
    body: (
      <>
        <h1>{m.clinicTitle}</h1>
        <p>{m.clinicLead}</p>
        <Errors title={m.errorsTitle} errors={props.errors} />
        <form method="post" action="/clinic/visits">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="field">
            <label for="field-code">{m.codeLabel}</label>
            {/* biome-ignore lint/a11y/noAutofocus: reception types or scans the code first, every time */}
            <input id="field-code" name="code" required autocomplete="off" autoFocus autocapitalize="characters" />
          </div>
          <button class="button" type="submit">
            {m.check}
          </button>
        </form>
      </>
    ),
  };
}

/** The one reception screen: who, subsidies today, what is due, today's 予診票, and the record form. */
export function clinicVisitPage(
  lang: Lang,
  props: { view: VisitView; schedule: RoutineSchedule; csrfToken: string; notice?: string; errors: FieldMessage[] },
) {
  const m = healthMessages(lang);
  const { view, schedule } = props;
  const due = view.statuses.filter((s) => s.status === 'due' || s.status === 'overdue');
  // The dose today's 予診票 asks for is preselected: reception only types the lot number.
  const planned = view.questionnaires[0];
  return {
    title: m.clinicTitle,
    body: (
      <>
        <h1>
          {m.child}: <span data-testid="visit-child">{view.visit.child.name}</span>
        </h1>
        <p>
          {view.visit.child.nameKana} ・ {m.birthDate} {view.visit.child.birthDate}
        </p>
        {/* The whole visit in one line, before the detail: what reception checks at a glance. */}
        <p class="health-visit-summary" data-testid="visit-summary">
          <strong>
            {m.glance(
              view.today,
              view.subsidies.length,
              view.visit.purpose === 'vaccination' ? due.length : 0,
              view.questionnaires.length,
            )}
          </strong>
        </p>
        {props.notice ? (
          <p class="notice notice--success" role="status">
            {props.notice}
          </p>
        ) : null}
        <Errors title={m.errorsTitle} errors={props.errors} />
        <section class="panel" aria-labelledby="subsidies">
          <h2 id="subsidies">{m.subsidies}</h2>
          {view.subsidies.length === 0 ? (
            <p>{m.noSubsidies}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="visit-subsidies">
                <thead>
                  <tr>
                    <th scope="col">{m.scheme}</th>
                    <th scope="col">{m.insurer}</th>
                    <th scope="col">{m.recipient}</th>
                    <th scope="col">{m.validity}</th>
                    <th scope="col">{m.copay}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.subsidies.map((s) => (
                    <tr key={s.id}>
                      <td>{lang === 'ja' ? s.schemeName : s.schemeNameEn}</td>
                      <td class="health-number">{s.insurerNumber}</td>
                      <td class="health-number">{s.recipientNumber}</td>
                      <td>
                        {s.validFrom} – {s.validTo}
                      </td>
                      <td>{s.copay.kind === 'none' ? m.copayNone : m.copayYen(s.copay.outpatientYen)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        {view.visit.purpose === 'vaccination' ? (
          <>
            <section class="panel" aria-labelledby="due">
              <h2 id="due">{m.due}</h2>
              {due.length === 0 ? (
                <p>{m.noDue}</p>
              ) : (
                <ul class="item-list" data-testid="visit-due">
                  {due.map((s) => (
                    <li key={`${s.vaccine}-${s.dose}`}>
                      <strong>
                        {vaccineName(schedule, s.vaccine, lang)} {m.doseN(s.dose)}
                      </strong>{' '}
                      ・ {m.statuses[s.status]}
                      {s.latest === undefined ? '' : ` ・ ${m.latest} ${isoFromDay(s.latest)}`}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section class="panel" aria-labelledby="forms">
              <h2 id="forms">{m.todaysForms}</h2>
              {view.questionnaires.length === 0 ? (
                <p>{m.noForms}</p>
              ) : (
                <ul class="item-list" data-testid="visit-questionnaires">
                  {view.questionnaires.map((q) => {
                    const flagged = Object.entries(q.answers).filter(([, yes]) => yes);
                    return (
                      <li key={q.id}>
                        <strong>
                          {vaccineName(schedule, q.vaccine, lang)} {m.doseN(q.dose)}
                        </strong>{' '}
                        ・ {m.temperature} {q.temperature} ・ {m.consentGiven}:{' '}
                        {q.consentToVaccination === 'yes' ? m.yes : m.no}
                        <br />
                        {m.flagged}:{' '}
                        {flagged.length === 0 ? m.none : flagged.map(([code]) => m.questions[code] ?? code).join(' / ')}
                        {q.notes ? (
                          <>
                            <br />
                            {m.notes}: {q.notes}
                          </>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              )}
            </section>
            <section class="panel" aria-labelledby="record">
              <h2 id="record">{m.record}</h2>
              <form method="post" action={`/clinic/visits/${view.visit.id}/vaccinations`}>
                <input type="hidden" name="_csrf" value={props.csrfToken} />
                <div class="field">
                  <label for="field-vaccineDose">{m.vaccine}</label>
                  <select id="field-vaccineDose" name="vaccineDose">
                    {(due.length > 0 ? due : view.statuses.filter((s) => s.status !== 'completed')).map((s) => (
                      <option
                        key={`${s.vaccine}:${s.dose}`}
                        value={`${s.vaccine}:${s.dose}`}
                        selected={s.vaccine === planned?.vaccine && s.dose === planned.dose}
                      >
                        {vaccineName(schedule, s.vaccine, lang)} {m.doseN(s.dose)}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for="field-lotNumber">{m.lot}</label>
                  {/* biome-ignore lint/a11y/noAutofocus: after the code, reception's next keystrokes are the lot number
                  (the dose is preselected from today's 予診票); Enter records */}
                  <input id="field-lotNumber" name="lotNumber" required autocomplete="off" autoFocus />
                </div>
                <div class="field">
                  <label for="field-givenOn">{m.givenOn}</label>
                  <input id="field-givenOn" name="givenOn" type="date" value={view.today} required />
                </div>
                <button class="button" type="submit">
                  {m.recordButton}
                </button>
              </form>
            </section>
            <section class="panel" aria-labelledby="checkups">
              <h2 id="checkups">{checkupMessages(lang).results}</h2>
              <CheckupTable lang={lang} rows={view.checkups} testId="visit-checkups" />
            </section>
            <ClinicCheckupForm
              lang={lang}
              visitId={view.visit.id}
              today={view.today}
              csrfToken={props.csrfToken}
              dueCodes={view.dueCheckups}
            />
          </>
        ) : null}
        <p>
          <a href="/clinic">{m.otherCode}</a>
        </p>
      </>
    ),
  };
}
