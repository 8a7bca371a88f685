import type { Lang } from '../../../platform/i18n/i18n.ts';
import { Field, fieldId } from '../../../platform/web/form-field.tsx';
import { INCOME_BASES } from '../program-data.ts';
import type { ProgramStatus } from '../program-status.ts';
import type { StaffProgram } from '../use-cases/get-staff-program.ts';
import type { StaffProgramFilter, StaffProgramRow } from '../use-cases/list-staff-programs.ts';
import { STAFF_PROGRAM_FILTERS } from '../use-cases/list-staff-programs.ts';
import type { FieldMessage, ProgramFormValues } from './program-form.ts';
import { staffRegistryMessages } from './staff-registry.messages.ts';
import { Csrf, DiffTable, ErrorSummary, municipalityLabel } from './staff-registry-components.tsx';

export function staffProgramListPage(
  lang: Lang,
  props: { programs: StaffProgramRow[]; filter: StaffProgramFilter; q: string; canEdit: boolean },
) {
  const m = staffRegistryMessages(lang);
  return {
    title: m.title,
    body: (
      <section class="panel" aria-labelledby="registry-console">
        <h1 id="registry-console">{m.title}</h1>
        <p>{m.lead}</p>
        {props.canEdit ? (
          <p>
            <a class="button" href="/staff/registry/new">
              {m.newProgram}
            </a>
          </p>
        ) : null}
        <form method="get" action="/staff/registry" class="registry-filter" aria-label={m.search}>
          <div class="field">
            <label for="filter-status">{m.filter}</label>
            <select id="filter-status" name="status">
              {STAFF_PROGRAM_FILTERS.map((f) => (
                <option key={f} value={f} selected={f === props.filter}>
                  {m.filters[f]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="filter-q">{m.keyword}</label>
            <input id="filter-q" name="q" type="search" value={props.q} />
          </div>
          <button class="button button--secondary" type="submit">
            {m.apply}
          </button>
        </form>
        {props.programs.length === 0 ? (
          <p>{m.none}</p>
        ) : (
          <ul class="item-list" data-testid="staff-programs">
            {props.programs.map((p) => (
              <li key={p.id}>
                <a href={`/staff/registry/programs/${p.id}`}>{p.name}</a>
                <br />
                <small>
                  {municipalityLabel(p.municipalityCode, lang)} · {m.statuses[p.status]}
                  {p.openVersion ? ` · ${m.openVersion(p.openVersion.version, m.statuses[p.openVersion.status])}` : ''}
                </small>
              </li>
            ))}
          </ul>
        )}
      </section>
    ),
  };
}

export function staffProgramFormPage(
  lang: Lang,
  props: {
    csrfToken: string;
    values: ProgramFormValues;
    errors: FieldMessage[];
    /** Absent for a new program. */
    program?: { id: string; name: string };
    /** Municipalities a new program may belong to (one unless Tokyo-wide). */
    municipalities: string[];
  },
) {
  const m = staffRegistryMessages(lang);
  const f = m.fields;
  const v = props.values;
  const e = props.errors;
  const action = props.program ? `/staff/registry/programs/${props.program.id}/edit` : '/staff/registry/new';
  const title = props.program ? m.editTitle(props.program.name) : m.createTitle;
  const incomeError = e.find((x) => x.field === 'incomeBasis');
  return {
    title,
    body: (
      <section class="panel" aria-labelledby="program-form">
        <p>
          <a href={props.program ? `/staff/registry/programs/${props.program.id}` : '/staff/registry'}>
            {m.backToList}
          </a>
        </p>
        <h1 id="program-form">{title}</h1>
        <ErrorSummary lang={lang} errors={e} />
        <form method="post" action={action} data-testid="program-form">
          <Csrf token={props.csrfToken} />
          {props.program ? null : (
            <div class="field">
              <label for={fieldId('municipalityCode')}>{m.municipality}</label>
              <select id={fieldId('municipalityCode')} name="municipalityCode">
                {props.municipalities.map((code) => (
                  <option key={code} value={code} selected={code === v.municipalityCode}>
                    {municipalityLabel(code, lang)}
                  </option>
                ))}
              </select>
            </div>
          )}
          <Field name="name" label={f.name} value={v.name} errors={e} required />
          <Field name="shortName" label={f.shortName} value={v.shortName} errors={e} />
          <Field name="summary" label={f.summary} value={v.summary} errors={e} multiline />
          <Field name="targetText" label={f.targetText} value={v.targetText} errors={e} multiline />
          <Field name="categories" label={f.categories} value={v.categories} errors={e} hint={f.categoriesHint} />
          <fieldset>
            <legend>{f.ageHint}</legend>
            <Field name="ageMonths.min" label={f.ageMin} value={v['ageMonths.min']} errors={e} inputmode="numeric" />
            <Field name="ageMonths.max" label={f.ageMax} value={v['ageMonths.max']} errors={e} inputmode="numeric" />
          </fieldset>
          <div class="choice">
            <input id={fieldId('prenatal')} type="checkbox" name="prenatal" checked={v.prenatal === 'on'} />
            <label for={fieldId('prenatal')}>{f.prenatal}</label>
          </div>
          <div class="field">
            <label for={fieldId('incomeBasis')}>{f.incomeBasis}</label>
            {incomeError ? <span class="field__error">{incomeError.message}</span> : null}
            <select id={fieldId('incomeBasis')} name="incomeBasis">
              <option value="">{f.incomeNone}</option>
              {INCOME_BASES.map((b) => (
                <option key={b} value={b} selected={b === v.incomeBasis}>
                  {b}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="procedurePeriod.from"
            label={f.procedureFrom}
            value={v['procedurePeriod.from']}
            errors={e}
            type="date"
          />
          <Field
            name="procedurePeriod.to"
            label={f.procedureTo}
            value={v['procedurePeriod.to']}
            errors={e}
            type="date"
          />
          <Field
            name="procedurePeriod.text"
            label={f.procedureText}
            value={v['procedurePeriod.text']}
            errors={e}
            multiline
          />
          <Field name="url" label={f.url} value={v.url} errors={e} type="url" />
          <Field name="effectiveFrom" label={f.effectiveFrom} value={v.effectiveFrom} errors={e} type="date" />
          <Field name="effectiveTo" label={f.effectiveTo} value={v.effectiveTo} errors={e} type="date" />
          <button class="button" type="submit">
            {m.saveDraft}
          </button>
        </form>
      </section>
    ),
  };
}

export type Flash = 'saved' | 'submitted' | 'approved' | 'returned' | 'retired';

export interface HistoryRow {
  version: number;
  status: ProgramStatus;
  createdBy: string;
  reviewedBy: string | null;
  publishedAt: string | null;
  diff: { field: string; before: unknown; after: unknown }[];
}

/** The program page: what is published, the open version with its diff, the actions this person may take, history. */
export function staffProgramPage(
  lang: Lang,
  props: {
    csrfToken: string;
    program: StaffProgram;
    history: HistoryRow[];
    can: { edit: boolean; approve: boolean };
    /** The open version was written or submitted by this person (four-eyes: they may not approve it). */
    ownVersion: boolean;
    flash: Flash | null;
    errors: FieldMessage[];
  },
) {
  const m = staffRegistryMessages(lang);
  const p = props.program;
  const open = p.open;
  const base = `/staff/registry/programs/${p.id}`;
  const name = open?.data.name ?? p.data.name;
  const post = (path: string, label: string, secondary = false, extra: Record<string, string> = {}) => (
    <form method="post" action={`${base}/${path}`}>
      <Csrf token={props.csrfToken} />
      {Object.entries(extra).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button class={secondary ? 'button button--secondary' : 'button'} type="submit">
        {label}
      </button>
    </form>
  );
  return {
    title: name,
    body: (
      <section class="panel" aria-labelledby="program-title">
        <p>
          <a href="/staff/registry">{m.backToList}</a>
        </p>
        <h1 id="program-title">{name}</h1>
        {props.flash ? (
          <p class="notice notice--success" role="status" data-testid="flash">
            {m[props.flash]}
          </p>
        ) : null}
        <ErrorSummary lang={lang} errors={props.errors} />
        <dl class="registry-facts">
          <dt>{m.municipality}</dt>
          <dd>{municipalityLabel(p.municipalityCode, lang)}</dd>
          <dt>{m.status}</dt>
          <dd data-testid="program-status">{m.statuses[p.status]}</dd>
          <dt>ID</dt>
          <dd>
            <code>{p.psid}</code>
          </dd>
        </dl>
        {p.status === 'published' || p.status === 'retired' ? (
          <p>
            <a href={`/api/v1/programs/${p.id}`}>{m.viewPublic}</a>
          </p>
        ) : null}
        {open ? (
          <section aria-labelledby="open-version">
            <h2 id="open-version">
              {m.versionLabel(open.version)}: <span data-testid="open-status">{m.statuses[open.status]}</span>
            </h2>
            <h3>{m.changes}</h3>
            <DiffTable lang={lang} diff={open.diff} />
            <div class="button-row">
              {props.can.edit && open.status === 'draft' ? (
                <a class="button button--secondary" href={`${base}/edit`}>
                  {m.edit}
                </a>
              ) : null}
              {props.can.edit && open.status === 'draft'
                ? post('submit', m.submit, false, { version: String(open.version) })
                : null}
              {props.can.approve && open.status === 'in_review' && !props.ownVersion
                ? post('review', m.approve, false, { decision: 'approve', version: String(open.version) })
                : null}
              {props.can.approve && open.status === 'in_review' && !props.ownVersion
                ? post('review', m.sendBack, true, { decision: 'return', version: String(open.version) })
                : null}
            </div>
            {props.can.approve && open.status === 'in_review' && props.ownVersion ? <p>{m.fourEyes}</p> : null}
          </section>
        ) : props.can.edit && p.status !== 'retired' ? (
          <p>
            <a class="button button--secondary" href={`${base}/edit`}>
              {m.edit}
            </a>
          </p>
        ) : null}
        {props.can.approve && p.status === 'published' ? (
          <section aria-labelledby="retire">
            <h2 id="retire">{m.retire}</h2>
            <p>{m.retireConfirm}</p>
            {post('retire', m.retire, true)}
          </section>
        ) : null}
        <section aria-labelledby="history">
          <h2 id="history">{m.history}</h2>
          <ol class="item-list" data-testid="version-history">
            {props.history.map((h) => (
              <li key={h.version}>
                <details>
                  <summary>
                    {m.versionLabel(h.version)} · {m.statuses[h.status]}
                    {h.publishedAt ? ` · ${m.publishedAt} ${h.publishedAt.slice(0, 10)}` : ''}
                  </summary>
                  <p>
                    {m.createdBy}: {h.createdBy}
                    {h.reviewedBy ? ` · ${m.reviewedBy}: ${h.reviewedBy}` : ''}
                  </p>
                  <DiffTable lang={lang} diff={h.diff} />
                </details>
              </li>
            ))}
          </ol>
        </section>
      </section>
    ),
  };
}
