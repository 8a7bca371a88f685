import type { Lang } from '../../../platform/i18n/i18n.ts';
import { parentMessages } from './parent.messages.ts';

export function signInPage(lang: Lang, props: { available: boolean; demo: boolean; next: string }) {
  const m = parentMessages(lang);
  return {
    title: m.signInTitle,
    body: (
      <section class="panel" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{m.signInTitle}</h1>
        <p>{m.signInLead}</p>
        {props.available ? (
          <p class="button-row">
            <a class="button" href={`/sign-in/card?next=${encodeURIComponent(props.next)}`} data-testid="sign-in-card">
              {m.signInWithCard}
            </a>
          </p>
        ) : (
          <p class="notice">{m.signInUnavailable}</p>
        )}
        {props.demo && props.available ? <p class="notice">{m.signInDemoNote}</p> : null}
      </section>
    ),
  };
}
