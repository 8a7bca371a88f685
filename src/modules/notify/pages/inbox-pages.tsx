import type { Lang } from '../../../platform/i18n/i18n.ts';
import type { MessageWhy } from '../notify.tables.ts';
import type { InboxItem } from '../use-cases/list-inbox.ts';
import { notifyMessages } from './notify.messages.ts';

const dateTime = (lang: Lang, at: Date) =>
  new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(at);

function NotifyNav({ lang }: { lang: Lang }) {
  const m = notifyMessages(lang);
  return (
    <nav class="subnav" aria-label={m.inboxTitle}>
      <ul class="subnav__links">
        <li>
          <a href="/notify">{m.inboxTitle}</a>
        </li>
        <li>
          <a href="/notify/preferences">{m.preferences}</a>
        </li>
      </ul>
    </nav>
  );
}

export function inboxPage(lang: Lang, items: InboxItem[]) {
  const m = notifyMessages(lang);
  return {
    title: m.inboxTitle,
    body: (
      <div class="page page--narrow">
        <NotifyNav lang={lang} />
        <h1>{m.inboxTitle}</h1>
        {items.length === 0 ? <p>{m.inboxEmpty}</p> : null}
        <ul class="notify-inbox">
          {items.map((item) => (
            <li
              key={item.id}
              data-testid="inbox-item"
              class={item.opened ? 'notify-inbox__item' : 'notify-inbox__item notify-inbox__item--unread'}
            >
              <a href={`/notify/messages/${item.id}`}>
                {item.opened ? null : <span class="notify-badge">{m.unread}</span>}
                <span class="notify-inbox__title">{item.title}</span>
              </a>
              <span class="notify-inbox__meta">
                {m.categories[item.category] ?? item.category} · {dateTime(lang, item.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      </div>
    ),
  };
}

export interface MessageView {
  id: string;
  title: string;
  body: string;
  category: string;
  linkPath: string | null;
  why: MessageWhy;
  createdAt: Date;
  unsubscribePath: string;
}

export function messagePage(lang: Lang, message: MessageView) {
  const m = notifyMessages(lang);
  const categoryName = m.categories[message.category] ?? message.category;
  const why = message.why;
  return {
    title: message.title,
    body: (
      <div class="page page--narrow">
        <NotifyNav lang={lang} />
        <article class="notify-message">
          <h1>{message.title}</h1>
          <p class="notify-inbox__meta">
            {categoryName} · {dateTime(lang, message.createdAt)}
          </p>
          <div class="notify-message__body">
            {message.body.split('\n').map((line, i) => (
              <p key={i}>{line}</p>
            ))}
          </div>
          {message.linkPath ? (
            <p>
              <a class="button" href={message.linkPath}>
                {m.open}
              </a>
            </p>
          ) : null}
          <details class="notify-why" data-testid="why">
            <summary>{m.why}</summary>
            <p>{m.whyRule[why.rule] ?? m.whyRule[why.rule.split(':')[0] ?? ''] ?? why.rule}</p>
            <ul>
              {why.ageMonths !== undefined ? <li data-testid="why-age">{m.childAge(why.ageMonths)}</li> : null}
              {why.pregnancyWeek !== undefined ? <li>{m.pregnancyWeek(why.pregnancyWeek)}</li> : null}
            </ul>
            {why.programs && why.programs.length > 0 ? (
              <>
                <h2>{m.programs}</h2>
                <ul data-testid="why-programs">
                  {why.programs.map((p) => (
                    <li key={p.id}>
                      {lang === 'en' && p.nameEn ? p.nameEn : p.name}
                      {p.rule ? `（${m.ruleOfProgram[p.rule] ?? p.rule}）` : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </details>
          <p>
            <a href={message.unsubscribePath} data-testid="unsubscribe-link">
              {m.unsubscribeCategory(categoryName)}
            </a>
          </p>
          <p>
            <a href="/notify">{m.back}</a>
          </p>
        </article>
      </div>
    ),
  };
}

export function unsubscribePage(
  lang: Lang,
  props: { state: 'confirm' | 'done' | 'invalid'; category?: string; action?: string; csrfToken?: string },
) {
  const m = notifyMessages(lang);
  const categoryName = props.category ? (m.categories[props.category] ?? props.category) : '';
  return {
    title: m.unsubscribeTitle,
    body: (
      <div class="page page--narrow">
        <h1>{m.unsubscribeTitle}</h1>
        {props.state === 'invalid' ? <p>{m.invalidLink}</p> : null}
        {props.state === 'confirm' ? (
          <form method="post" action={props.action}>
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <p>{m.unsubscribeConfirm(categoryName)}</p>
            <button class="button" type="submit">
              {m.unsubscribeButton}
            </button>
          </form>
        ) : null}
        {props.state === 'done' ? (
          <div class="notice notice--success" role="status" data-testid="unsubscribed">
            {m.unsubscribed(categoryName)}
          </div>
        ) : null}
        <p>
          <a href="/notify/preferences">{m.preferences}</a>
        </p>
      </div>
    ),
  };
}
