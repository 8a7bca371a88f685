import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { PregnancyView } from '../../identity/index.ts';
import { URINE_TESTS } from '../checkups/checkup-results.tables.ts';
import type { IssuedPrenatalCode } from '../prenatal/issue-prenatal-consent-code.ts';
import type { PrenatalVisitView } from '../prenatal/prenatal-visit.ts';
import { checkupMessages } from './checkup.messages.ts';
import { CheckupTable } from './checkup-parts.tsx';
import { codePage } from './consent-code-page.tsx';
import { healthMessages } from './health.messages.ts';
import { Errors, type FieldMessage } from './page-helpers.tsx';
import { prenatalMessages } from './prenatal.messages.ts';

/** On the parent's /health page: one button per ongoing pregnancy of the signed-in parent. */
export function PrenatalCodeForms(props: { lang: Lang; pregnancies: PregnancyView[]; csrfToken: string }) {
  const p = prenatalMessages(props.lang);
  if (props.pregnancies.length === 0) return null;
  return (
    <>
      <p>{p.openCodeLead}</p>
      {props.pregnancies.map((pregnancy) => (
        <form method="post" action="/health/prenatal-consent-codes" class="health-code-form" key={pregnancy.id}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="pregnancyId" value={pregnancy.id} />
          <button class="button" type="submit" data-testid="open-prenatal-code">
            {p.openCodeFor(pregnancy.expectedDeliveryDate)}
          </button>
        </form>
      ))}
    </>
  );
}

export function prenatalCodePage(lang: Lang, code: IssuedPrenatalCode) {
  const p = prenatalMessages(lang);
  return codePage(lang, code, { name: p.pregnancy(code.expectedDeliveryDate), purpose: p.codePurpose });
}

/**
 * Reception for a 妊婦健診: who and which week at the top, the record form next (focus in its first field, Enter
 * records), then the schedule, results so far and vaccinations in pregnancy.
 */
export function clinicPrenatalVisitPage(
  lang: Lang,
  props: { view: PrenatalVisitView; csrfToken: string; notice?: string; errors: FieldMessage[] },
) {
  const m = healthMessages(lang);
  const c = checkupMessages(lang);
  const p = prenatalMessages(lang);
  const { view } = props;
  return {
    title: p.visitTitle,
    body: (
      <>
        <h1>
          {p.visitTitle}: <span data-testid="visit-expecting">{view.visit.expecting.name}</span>
        </h1>
        <p class="health-visit-summary" data-testid="visit-summary">
          <strong>
            {p.today} {view.today} ・ {p.week(view.gestationalWeek)}
          </strong>{' '}
          ・ {p.dueDate} {view.visit.expecting.expectedDeliveryDate}
        </p>
        {props.notice ? (
          <p class="notice notice--success" role="status">
            {props.notice}
          </p>
        ) : null}
        <Errors title={m.errorsTitle} errors={props.errors} />
        <section class="panel" aria-labelledby="prenatal-record">
          <h2 id="prenatal-record">{p.recordTitle}</h2>
          <form method="post" action={`/clinic/prenatal-visits/${view.visit.id}/checkups`} class="health-checkup-form">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <div class="health-measurements">
              <div class="field">
                <label for="field-checkupCode">{p.visitNumber}</label>
                <select id="field-checkupCode" name="checkupCode">
                  {view.visits.map((v) => (
                    <option key={v.number} value={String(v.number)} selected={v.number === view.suggestedVisit}>
                      {p.visitOption(v.number, v.week)}
                      {v.recorded ? ` ・ ${p.recordedMark}` : ''}
                    </option>
                  ))}
                </select>
              </div>
              <div class="field">
                <label for="field-examinedOn">{c.examinedOn}</label>
                <input id="field-examinedOn" name="examinedOn" type="date" value={view.today} required />
              </div>
            </div>
            <div class="health-measurements">
              <div class="field">
                <label for="field-weightKg">{c.weightKg}</label>
                {/* biome-ignore lint/a11y/noAutofocus: reception lands here after the code to type the measurements */}
                <input id="field-weightKg" name="weightKg" inputMode="decimal" autocomplete="off" autoFocus />
              </div>
              <div class="field">
                <label for="field-systolicMmHg">{p.systolic}</label>
                <input id="field-systolicMmHg" name="systolicMmHg" inputMode="numeric" autocomplete="off" />
              </div>
              <div class="field">
                <label for="field-diastolicMmHg">{p.diastolic}</label>
                <input id="field-diastolicMmHg" name="diastolicMmHg" inputMode="numeric" autocomplete="off" />
              </div>
              {(['urineProtein', 'urineGlucose'] as const).map((field) => (
                <div class="field" key={field}>
                  <label for={`field-${field}`}>{p[field]}</label>
                  <select id={`field-${field}`} name={field}>
                    <option value="">{p.notMeasured}</option>
                    {URINE_TESTS.map((u) => (
                      <option key={u} value={u}>
                        {u}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
            <fieldset>
              <legend>{c.outcome}</legend>
              {Object.entries(c.outcomes).map(([value, label], i) => (
                <label class="choice" key={value}>
                  <input type="radio" name="outcome" value={value} checked={i === 0} />
                  <span>{label}</span>
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="field-checkupNotes">{c.notes}</label>
              <textarea id="field-checkupNotes" name="notes" rows={2} />
            </div>
            <button class="button" type="submit">
              {c.recordButton}
            </button>
          </form>
        </section>
        <section class="panel" aria-labelledby="prenatal-results">
          <h2 id="prenatal-results">{c.prenatalResults}</h2>
          <CheckupTable lang={lang} rows={view.results} testId="prenatal-visit-results" />
        </section>
        <section class="panel" aria-labelledby="prenatal-vaccinations">
          <h2 id="prenatal-vaccinations">{p.vaccinations}</h2>
          <ul class="item-list" data-testid="prenatal-vaccinations">
            {view.vaccinations.map((v) => (
              <li key={v.code}>
                <strong>{v.name[lang]}</strong> ・ {p.vaccinationStatus[v.status]}
                {v.from ? ` ・ ${v.from} – ${v.until}` : ''} <small>{p.toVerify}</small>
              </li>
            ))}
          </ul>
        </section>
        <section class="panel" aria-labelledby="prenatal-schedule">
          <h2 id="prenatal-schedule">{p.schedule}</h2>
          <ol class="health-prenatal-schedule" data-testid="prenatal-schedule">
            {view.visits.map((v) => (
              <li key={v.number} aria-current={v.status === 'next' ? 'step' : undefined}>
                {p.visitN(v.number)} ・ {p.weekN(v.week)} ・ {v.date} ・{' '}
                {v.recorded ? <strong>{p.recordedMark}</strong> : p.statusOf[v.status]}
              </li>
            ))}
          </ol>
        </section>
        <p>
          <a href="/clinic">{m.otherCode}</a>
        </p>
      </>
    ),
  };
}
