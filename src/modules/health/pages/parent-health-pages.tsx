import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { ChildView, PregnancyView } from '../../identity/index.ts';
import type { CheckupResultRow } from '../checkups/checkup-results.tables.ts';
import type { IssuedConsentCode } from '../clinic/issue-consent-code.ts';
import { QUESTIONS } from '../clinic/questionnaire.ts';
import type { QuestionnaireDose } from '../clinic/questionnaire-doses.ts';
import type { VaccinationRecordRow } from '../clinic/vaccination-records.ts';
import type { RoutineSchedule } from '../vaccination/routine-schedule.ts';
import { checkupMessages } from './checkup.messages.ts';
import { CheckupTable } from './checkup-parts.tsx';
import { codePage } from './consent-code-page.tsx';
import { healthMessages } from './health.messages.ts';
import { Errors, type FieldMessage } from './page-helpers.tsx';
import { PrenatalCodeForms } from './prenatal-pages.tsx';

export function vaccineName(schedule: RoutineSchedule, code: string, lang: Lang): string {
  return schedule.vaccines.find((v) => v.code === code)?.name[lang] ?? code;
}

export function parentHealthPage(
  lang: Lang,
  props: {
    children: { child: ChildView; records: VaccinationRecordRow[] }[];
    pregnancies: PregnancyView[];
    ownPregnancies: PregnancyView[];
    checkups: CheckupResultRow[];
    schedule: RoutineSchedule;
    csrfToken: string;
    notice?: string | undefined;
  },
) {
  const m = healthMessages(lang);
  const c = checkupMessages(lang);
  const prenatal = props.checkups.filter((r) => r.kind === 'prenatal');
  return {
    title: m.parentTitle,
    body: (
      <>
        <h1>{m.parentTitle}</h1>
        {props.notice ? (
          <p class="notice notice--success" role="status">
            {props.notice}
          </p>
        ) : null}
        <p>{m.parentLead}</p>
        <p>
          <a href="/access-log">{m.accessLog}</a>
        </p>
        {props.children.map(({ child, records }) => (
          <section class="panel" key={child.id} aria-labelledby={`child-${child.id}`} data-testid="health-child">
            <h2 id={`child-${child.id}`}>{child.name}</h2>
            <form method="post" action="/health/consent-codes" class="health-code-form">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <input type="hidden" name="childId" value={child.id} />
              <fieldset>
                <legend>{m.purposeLabel}</legend>
                {(['vaccination', 'eligibility'] as const).map((purpose, i) => (
                  <label class="choice" key={purpose}>
                    <input type="radio" name="purpose" value={purpose} checked={i === 0} />
                    <span>{m.purposes[purpose]}</span>
                  </label>
                ))}
              </fieldset>
              <button class="button" type="submit">
                {m.openCode}
              </button>
            </form>
            <p>
              <a href={`/health/children/${child.id}/questionnaire`}>{m.fillQuestionnaire}</a>
            </p>
            <h3>{m.records}</h3>
            {records.length === 0 ? (
              <p>{m.noRecords}</p>
            ) : (
              <div class="table-wrap">
                <table data-testid="vaccination-records">
                  <thead>
                    <tr>
                      <th scope="col">{m.vaccine}</th>
                      <th scope="col">{m.dose}</th>
                      <th scope="col">{m.givenOn}</th>
                      <th scope="col">{m.lot}</th>
                      <th scope="col">{m.clinic}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {records.map((r) => (
                      <tr key={r.id}>
                        <td>{vaccineName(props.schedule, r.vaccine, lang)}</td>
                        <td>{m.doseN(r.dose)}</td>
                        <td>{r.givenOn}</td>
                        <td>{r.lotNumber}</td>
                        <td>{r.institutionCode}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <h3>{c.results}</h3>
            <CheckupTable
              lang={lang}
              rows={props.checkups.filter((r) => r.kind === 'infant' && r.subjectId === child.id)}
              testId="checkup-results"
            />
          </section>
        ))}
        {props.pregnancies.length > 0 || prenatal.length > 0 ? (
          <section class="panel" aria-labelledby="prenatal-results">
            <h2 id="prenatal-results">{c.prenatalResults}</h2>
            <PrenatalCodeForms lang={lang} pregnancies={props.ownPregnancies} csrfToken={props.csrfToken} />
            <CheckupTable lang={lang} rows={prenatal} testId="prenatal-checkup-results" />
          </section>
        ) : null}
      </>
    ),
  };
}

export function consentCodePage(lang: Lang, code: IssuedConsentCode) {
  return codePage(lang, code, { name: code.childName, purpose: healthMessages(lang).purposes[code.purpose] });
}

export function questionnairePage(
  lang: Lang,
  props: {
    child: ChildView;
    schedule: RoutineSchedule;
    /** The child's own due and upcoming doses (questionnaire-doses.ts), due first. */
    doses: readonly QuestionnaireDose[];
    csrfToken: string;
    today: string;
    values?: Record<string, string | undefined>;
    errors: FieldMessage[];
  },
) {
  const m = healthMessages(lang);
  const v = props.values ?? {};
  const doses = props.doses.map((d) => ({
    value: `${d.vaccine}:${d.dose}`,
    label: `${vaccineName(props.schedule, d.vaccine, lang)} ${m.doseN(d.dose)}`,
  }));
  return {
    title: m.questionnaireTitle,
    body: (
      <>
        <h1>{m.questionnaireTitle}</h1>
        <p>
          <strong>{props.child.name}</strong>
        </p>
        <p>{m.questionnaireLead}</p>
        <Errors title={m.errorsTitle} errors={props.errors} />
        <form method="post" action={`/health/children/${props.child.id}/questionnaire`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="field">
            <label for="field-vaccineDose">{m.vaccine}</label>
            <select id="field-vaccineDose" name="vaccineDose">
              {doses.map((d) => (
                <option key={d.value} value={d.value} selected={d.value === v.vaccineDose}>
                  {d.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-visitDate">{m.visitDate}</label>
            <input id="field-visitDate" name="visitDate" type="date" value={v.visitDate ?? props.today} required />
          </div>
          <div class="field">
            <label for="field-temperature">{m.temperature}</label>
            <input
              id="field-temperature"
              name="temperature"
              inputMode="decimal"
              value={v.temperature ?? ''}
              required
              placeholder="36.5"
            />
          </div>
          {QUESTIONS.map((q) => (
            <fieldset key={q}>
              <legend>{m.questions[q]}</legend>
              {(['yes', 'no'] as const).map((answer) => (
                <label class="choice" key={answer}>
                  <input type="radio" name={`q-${q}`} value={answer} checked={(v[`q-${q}`] ?? 'no') === answer} />
                  <span>{answer === 'yes' ? m.yes : m.no}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <div class="field">
            <label for="field-notes">{m.notes}</label>
            <textarea id="field-notes" name="notes" rows={3}>
              {v.notes ?? ''}
            </textarea>
          </div>
          <fieldset>
            <legend>{m.consentQuestion}</legend>
            <label class="choice">
              <input type="radio" name="consentToVaccination" value="yes" checked={v.consentToVaccination !== 'no'} />
              <span>{m.consentYes}</span>
            </label>
            <label class="choice">
              <input type="radio" name="consentToVaccination" value="no" checked={v.consentToVaccination === 'no'} />
              <span>{m.consentNo}</span>
            </label>
          </fieldset>
          <button class="button" type="submit">
            {m.sign}
          </button>
        </form>
      </>
    ),
  };
}
