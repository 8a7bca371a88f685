import type { Lang } from '../../../platform/i18n/i18n.ts';
import { fieldId } from '../../../platform/web/form-field.tsx';
import { findMunicipality } from '../../municipalities/index.ts';
import type { FieldMessage } from './program-form.ts';
import { staffRegistryMessages } from './staff-registry.messages.ts';

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="_csrf" value={token} />;

export function municipalityLabel(code: string, lang: Lang): string {
  const m = findMunicipality(code);
  if (!m) return code;
  return lang === 'ja' ? m.name : m.nameEn;
}

/** Form field ids may not hold dots (CSS selectors, label targets): `ageMonths.min` → `field-ageMonths-min`. */

export function ErrorSummary({ lang, errors }: { lang: Lang; errors: FieldMessage[] }) {
  if (errors.length === 0) return null;
  const m = staffRegistryMessages(lang);
  return (
    <div class="error-summary" role="alert">
      <h2>{m.errorSummary}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}:${e.message}`}>
            {e.field ? <a href={`#${fieldId(e.field)}`}>{e.message}</a> : e.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A diff value as short text: nulls, lists and objects shown plainly for the reviewer. */
export function showValue(value: unknown): string {
  if (value == null || value === '') return '—';
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.join(', ') || '—';
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v != null && v !== '');
    return entries.length
      ? entries.map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join(' / ')
      : '—';
  }
  return String(value);
}

/** The stored data's field names, in the console's words where the form has them. */
function fieldLabel(f: ReturnType<typeof staffRegistryMessages>['fields'], field: string): string {
  const labels: Record<string, string> = {
    name: f.name,
    shortName: f.shortName,
    summary: f.summary,
    targetText: f.targetText,
    categories: f.categories,
    ageMonths: f.ageWindow,
    prenatal: f.prenatal,
    incomeBasis: f.incomeBasis,
    procedurePeriod: f.procedure,
    url: f.url,
  };
  return labels[field] ?? field;
}

export function DiffTable({ lang, diff }: { lang: Lang; diff: { field: string; before: unknown; after: unknown }[] }) {
  const m = staffRegistryMessages(lang);
  if (diff.length === 0) return <p>{m.noChanges}</p>;
  return (
    <div class="table-wrap">
      <table data-testid="version-diff">
        <thead>
          <tr>
            <th scope="col">{m.field}</th>
            <th scope="col">{m.before}</th>
            <th scope="col">{m.after}</th>
          </tr>
        </thead>
        <tbody>
          {diff.map((d) => (
            <tr key={d.field}>
              <th scope="row">{fieldLabel(m.fields, d.field)}</th>
              <td>
                <del>{showValue(d.before)}</del>
              </td>
              <td>
                <ins>{showValue(d.after)}</ins>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
