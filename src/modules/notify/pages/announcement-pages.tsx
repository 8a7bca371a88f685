import type { Lang } from '../../../platform/i18n/i18n.ts';
import { Field } from '../../../platform/web/form-field.tsx';
import { NOTIFY_CATEGORIES } from '../notify.tables.ts';
import type { AnnouncementSummary } from '../use-cases/announcement-queries.ts';
import { announcementMessages, tokyoDateTime } from './announcement.messages.ts';
import { notifyMessages } from './notify.messages.ts';

export interface FormError {
  field: string;
  message: string;
}

/** What the form posts back, as strings (re-shown after a preview or an error). */
export interface AnnouncementForm {
  municipalityCode: string;
  category: string;
  ageMinMonths: string;
  ageMaxMonths: string;
  urgent: boolean;
  titleJa: string;
  bodyJa: string;
  titleEn: string;
  bodyEn: string;
  sendAt: string;
}

export function StaffNav({ lang }: { lang: Lang }) {
  const m = announcementMessages(lang);
  return (
    <nav class="subnav" aria-label={m.listTitle}>
      <ul class="subnav__links">
        <li>
          <a href="/staff/notify/announcements">{m.listTitle}</a>
        </li>
        <li>
          <a href="/staff/notify">{m.dashboardLink}</a>
        </li>
      </ul>
    </nav>
  );
}

export function ErrorList({ lang, errors }: { lang: Lang; errors: FormError[] }) {
  if (errors.length === 0) return null;
  return (
    <div class="notice notice--error" role="alert" data-testid="form-errors">
      <h2>{announcementMessages(lang).errorsTitle}</h2>
      <ul>
        {errors.map((e) => (
          <li key={`${e.field}-${e.message}`}>{e.field ? <a href={`#field-${e.field}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

export function announcementListPage(lang: Lang, props: { items: AnnouncementSummary[]; actorId: string }) {
  const m = announcementMessages(lang);
  return {
    title: m.listTitle,
    body: (
      <div class="page">
        <StaffNav lang={lang} />
        <h1>{m.listTitle}</h1>
        <p>{m.listLead}</p>
        <p>
          <a class="button" href="/staff/notify/announcements/new">
            {m.newLink}
          </a>
        </p>
        {props.items.length === 0 ? <p>{m.none}</p> : null}
        <div class="table-wrap">
          <table class="table" data-testid="announcements">
            <thead>
              <tr>
                <th scope="col">{m.title}</th>
                <th scope="col">{m.status}</th>
                <th scope="col">{m.sendAt}</th>
                <th scope="col">{m.targeted}</th>
                <th scope="col">{m.messages}</th>
                <th scope="col">{m.createdBy}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((a) => (
                <tr key={a.id} data-status={a.status}>
                  <td>
                    <a href={`/staff/notify/announcements/${a.id}`}>{lang === 'ja' ? a.titleJa : a.titleEn}</a>
                  </td>
                  <td>{m.statuses[a.status]}</td>
                  <td>{tokyoDateTime(a.sendAt).replace('T', ' ')}</td>
                  <td>{a.targeted ?? '—'}</td>
                  <td>{a.status === 'sent' ? a.messages : '—'}</td>
                  <td>{a.createdBy === props.actorId ? m.you : m.colleague}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    ),
  };
}

export function announcementFormPage(
  lang: Lang,
  props: {
    form: AnnouncementForm;
    csrfToken: string;
    errors: FormError[];
    /** The recipient count after 「対象人数を確認」. */
    preview?: number | undefined;
    /** Tokyo-wide staff choose the municipality; everyone else sends to their own. */
    municipalities: { code: string; name: string }[];
  },
) {
  const m = announcementMessages(lang);
  const categories = notifyMessages(lang).categories;
  const { form, errors } = props;
  return {
    title: m.newTitle,
    body: (
      <div class="page page--narrow">
        <StaffNav lang={lang} />
        <h1>{m.newTitle}</h1>
        <ErrorList lang={lang} errors={errors} />
        <form method="post" action="/staff/notify/announcements" novalidate>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset>
            <legend>{m.segment}</legend>
            <div class="field">
              <label for="field-municipalityCode">{m.municipality}</label>
              <select id="field-municipalityCode" name="municipalityCode">
                {props.municipalities.map((x) => (
                  <option key={x.code} value={x.code} selected={x.code === form.municipalityCode}>
                    {x.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="field-category">{m.category}</label>
              <select id="field-category" name="category">
                {NOTIFY_CATEGORIES.map((c) => (
                  <option key={c} value={c} selected={c === form.category}>
                    {categories[c]}
                  </option>
                ))}
              </select>
            </div>
            <Field
              name="ageMinMonths"
              label={m.ageMin}
              value={form.ageMinMonths}
              errors={errors}
              type="number"
              hint={m.ageHint}
            />
            <Field name="ageMaxMonths" label={m.ageMax} value={form.ageMaxMonths} errors={errors} type="number" />
            <div class="field field--checkbox">
              <input id="field-urgent" type="checkbox" name="urgent" value="1" checked={form.urgent} />
              <label for="field-urgent">{m.urgent}</label>
            </div>
            {props.preview !== undefined ? (
              <p class="notice notice--info" role="status" data-testid="preview-count">
                {m.previewResult(props.preview)}
              </p>
            ) : null}
            <button class="button button--secondary" type="submit" name="intent" value="preview">
              {m.preview}
            </button>
          </fieldset>
          <fieldset>
            <legend>{m.content}</legend>
            <Field name="titleJa" label={m.titleJa} value={form.titleJa} errors={errors} required />
            <Field name="bodyJa" label={m.bodyJa} value={form.bodyJa} errors={errors} multiline rows={5} required />
            <Field name="titleEn" label={m.titleEn} value={form.titleEn} errors={errors} required />
            <Field name="bodyEn" label={m.bodyEn} value={form.bodyEn} errors={errors} multiline rows={5} required />
            <Field
              name="sendAt"
              label={m.sendAtLabel}
              value={form.sendAt}
              errors={errors}
              required
              type="datetime-local"
            />
          </fieldset>
          <button class="button" type="submit" name="intent" value="create">
            {m.create}
          </button>
        </form>
      </div>
    ),
  };
}
