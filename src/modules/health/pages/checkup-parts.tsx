import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { CheckupResultRow } from '../checkups/checkup-results.tables.ts';
import { INFANT_CHECKUPS } from '../checkups/checkup-schedule.ts';
import { checkupMessages } from './checkup.messages.ts';

const UNITS: Record<string, string> = {
  heightCm: 'cm',
  weightKg: 'kg',
  headCircumferenceCm: 'cm',
  systolicMmHg: '',
  diastolicMmHg: '',
};

export function checkupName(row: Pick<CheckupResultRow, 'kind' | 'checkupCode'>, lang: Lang): string {
  const m = checkupMessages(lang);
  if (row.kind === 'prenatal') return m.prenatalVisit(row.checkupCode);
  return INFANT_CHECKUPS.find((c) => c.code === row.checkupCode)?.name[lang] ?? row.checkupCode;
}

function measurementsText(row: CheckupResultRow, lang: Lang): string {
  const m = checkupMessages(lang);
  const { systolicMmHg, diastolicMmHg, urineProtein, urineGlucose, ...sizes } = row.measurements;
  const parts = Object.entries(sizes).map(([k, v]) => `${m.shortLabels[k] ?? k} ${v}${UNITS[k] ?? ''}`);
  if (systolicMmHg !== undefined && diastolicMmHg !== undefined) parts.push(`BP ${systolicMmHg}/${diastolicMmHg}`);
  if (urineProtein) parts.push(`${lang === 'ja' ? '尿蛋白' : 'urine protein'} ${urineProtein}`);
  if (urineGlucose) parts.push(`${lang === 'ja' ? '尿糖' : 'urine glucose'} ${urineGlucose}`);
  return parts.join(' ・ ') || '—';
}

/** The same table for the parent, the clinic and the municipality: one row per recorded check-up. */
export function CheckupTable(props: { lang: Lang; rows: CheckupResultRow[]; testId: string }) {
  const m = checkupMessages(props.lang);
  if (props.rows.length === 0) return <p>{m.noResults}</p>;
  return (
    <div class="table-wrap">
      <table data-testid={props.testId}>
        <thead>
          <tr>
            <th scope="col">{m.checkup}</th>
            <th scope="col">{m.examinedOn}</th>
            <th scope="col">{m.outcome}</th>
            <th scope="col">{m.measurements}</th>
            <th scope="col">{m.recordedBy}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id}>
              <td>{checkupName(r, props.lang)}</td>
              <td>{r.examinedOn}</td>
              <td>
                {m.outcomes[r.outcome]}
                {r.notes ? <div class="health-checkup-notes">{r.notes}</div> : null}
              </td>
              <td>{measurementsText(r, props.lang)}</td>
              <td>{r.institutionCode ? m.byClinic(r.institutionCode) : m.byMunicipality}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The clinic's form for an infant check-up during a visit (no script; numbers are parsed on the server). */
export function ClinicCheckupForm(props: {
  lang: Lang;
  visitId: string;
  today: string;
  csrfToken: string;
  /** Check-ups the child is in the window for, first in the list. */
  dueCodes: string[];
}) {
  const m = checkupMessages(props.lang);
  const ordered = [
    ...INFANT_CHECKUPS.filter((c) => props.dueCodes.includes(c.code)),
    ...INFANT_CHECKUPS.filter((c) => !props.dueCodes.includes(c.code)),
  ];
  return (
    <section class="panel" aria-labelledby="checkup-record">
      <h2 id="checkup-record">{m.recordTitle}</h2>
      <form method="post" action={`/clinic/visits/${props.visitId}/checkups`} class="health-checkup-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <div class="field">
          <label for="field-checkupCode">{m.checkup}</label>
          <select id="field-checkupCode" name="checkupCode">
            {ordered.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name[props.lang]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="field-examinedOn">{m.examinedOn}</label>
          <input id="field-examinedOn" name="examinedOn" type="date" value={props.today} required />
        </div>
        <fieldset>
          <legend>{m.outcome}</legend>
          {Object.entries(m.outcomes).map(([value, label], i) => (
            <label class="choice" key={value}>
              <input type="radio" name="outcome" value={value} checked={i === 0} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <div class="health-measurements">
          {(['heightCm', 'weightKg', 'headCircumferenceCm'] as const).map((field) => (
            <div class="field" key={field}>
              <label for={`field-${field}`}>{m[field]}</label>
              <input id={`field-${field}`} name={field} inputMode="decimal" autocomplete="off" />
            </div>
          ))}
        </div>
        <div class="field">
          <label for="field-checkupNotes">{m.notes}</label>
          <textarea id="field-checkupNotes" name="notes" rows={2} />
        </div>
        <button class="button" type="submit">
          {m.recordButton}
        </button>
      </form>
    </section>
  );
}
