import type { Lang } from '../../../platform/i18n/i18n.ts';
import { handoutMessages } from './handout.messages.ts';

interface HandoutItem {
  id: string;
  title: string;
  pregnancyWeekFrom: number | null;
  pregnancyWeekTo: number | null;
  ageMinMonths: number | null;
  ageMaxMonths: number | null;
  text: string;
}

function Audience({ lang, h }: { lang: Lang; h: HandoutItem }) {
  const m = handoutMessages(lang);
  const parts = [m.weeks(h.pregnancyWeekFrom, h.pregnancyWeekTo), m.ages(h.ageMinMonths, h.ageMaxMonths)].filter(
    Boolean,
  );
  return parts.length ? <small>{parts.join(' · ')}</small> : null;
}

export function staffHandoutsPage(
  lang: Lang,
  props: { csrfToken: string; handouts: HandoutItem[]; errors: string[]; done: boolean },
) {
  const m = handoutMessages(lang);
  return {
    title: m.staffTitle,
    body: (
      <section class="panel" aria-labelledby="handouts-staff">
        <h1 id="handouts-staff">{m.staffTitle}</h1>
        <p>{m.staffLead}</p>
        {props.done ? (
          <p class="notice" role="status">
            {m.uploaded}
          </p>
        ) : null}
        {props.errors.length ? (
          <div class="error-summary" role="alert">
            <h2>{m.errors}</h2>
            <ul>
              {props.errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action="/staff/assist/handouts" enctype="multipart/form-data">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <div class="field">
            <label for="handout-file">{m.file}</label>
            <input id="handout-file" name="file" type="file" accept="application/pdf,.pdf" required />
          </div>
          <div class="field">
            <label for="handout-title">{m.titleField}</label>
            <input id="handout-title" name="title" type="text" />
          </div>
          <button class="button" type="submit">
            {m.upload}
          </button>
        </form>
        <h2>{m.list}</h2>
        {props.handouts.length === 0 ? <p>{m.none}</p> : null}
        <ul class="item-list" data-testid="staff-handouts">
          {props.handouts.map((h) => (
            <li key={h.id}>
              {h.title}
              <br />
              <Audience lang={lang} h={h} />
            </li>
          ))}
        </ul>
      </section>
    ),
  };
}

export function parentHandoutsPage(
  lang: Lang,
  props: { weeks: number[]; ages: { name: string; months: number }[]; q: string; handouts: HandoutItem[] },
) {
  const m = handoutMessages(lang);
  const forWhom = [...props.weeks.map(m.forWeek), ...props.ages.map((a) => m.forChild(a.name, a.months))];
  return {
    title: m.parentTitle,
    body: (
      <section class="panel" aria-labelledby="handouts-parent">
        <h1 id="handouts-parent">{m.parentTitle}</h1>
        <p>{m.parentLead}</p>
        {forWhom.length ? <p data-testid="handouts-for">{forWhom.join('、')}</p> : null}
        <form method="get" action="/handouts" aria-label={m.search}>
          <div class="field">
            <label for="handouts-q">{m.search}</label>
            <input id="handouts-q" name="q" type="search" value={props.q} />
          </div>
          <button class="button button--secondary" type="submit">
            {m.searchButton}
          </button>
        </form>
        {props.handouts.length === 0 ? <p>{m.noneForYou}</p> : null}
        <ul class="item-list handout-list" data-testid="parent-handouts">
          {props.handouts.map((h) => (
            <li key={h.id}>
              <h2 class="handout-list__title">{h.title}</h2>
              <Audience lang={lang} h={h} />
              <p class="handout-list__excerpt">{h.text.slice(0, 140)}</p>
              <a href={`/handouts/${h.id}/pdf`}>{m.open}</a>
            </li>
          ))}
        </ul>
      </section>
    ),
  };
}
