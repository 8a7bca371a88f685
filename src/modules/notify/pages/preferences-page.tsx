import type { Lang } from '../../../platform/i18n/i18n.ts';
import { EXTERNAL_CHANNELS, NOTIFY_CATEGORIES } from '../notify.tables.ts';
import type { EndpointSummary } from '../use-cases/manage-endpoints.ts';
import type { Preferences } from '../use-cases/preferences.ts';
import { notifyMessages } from './notify.messages.ts';

export function preferencesPage(
  lang: Lang,
  props: {
    prefs: Preferences;
    csrfToken: string;
    saved?: boolean;
    lineLinked?: boolean;
    error?: { field: string; message: string };
    endpoints: EndpointSummary[];
    email: string;
    vapidPublicKey: string;
    /** Demo mode: a button stands in for writing to the municipality's LINE account. */
    demoLineLink: boolean;
  },
) {
  const m = notifyMessages(lang);
  const { prefs } = props;
  return {
    title: m.prefsTitle,
    body: (
      <div class="page page--narrow">
        <nav class="subnav" aria-label={m.inboxTitle}>
          <ul class="subnav__links">
            <li>
              <a href="/notify">{m.inboxTitle}</a>
            </li>
          </ul>
        </nav>
        <h1>{m.prefsTitle}</h1>
        {props.saved ? (
          <div class="notice notice--success" role="status">
            {m.prefsSaved}
          </div>
        ) : null}
        {props.lineLinked ? (
          <div class="notice notice--success" role="status" data-testid="line-linked">
            {m.lineLinked}
          </div>
        ) : null}
        {props.error ? (
          <div class="error-summary" role="alert">
            <p>{props.error.message}</p>
          </div>
        ) : null}
        <form method="post" action="/notify/preferences">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset class="field">
            <legend>{m.channels}</legend>
            {EXTERNAL_CHANNELS.map((c) => (
              <div class="field--checkbox" key={c}>
                <input
                  type="checkbox"
                  id={`channel-${c}`}
                  name="channels"
                  value={c}
                  checked={prefs.channels.includes(c)}
                />
                <label for={`channel-${c}`}>{m.channelNames[c]}</label>
              </div>
            ))}
          </fieldset>
          <fieldset class="field">
            <legend>{m.categoriesLegend}</legend>
            {NOTIFY_CATEGORIES.map((c) => (
              <div class="field--checkbox" key={c}>
                <input
                  type="checkbox"
                  id={`category-${c}`}
                  name="categories"
                  value={c}
                  checked={!prefs.unsubscribedCategories.includes(c)}
                />
                <label for={`category-${c}`}>{m.categories[c]}</label>
              </div>
            ))}
          </fieldset>
          <div class="field">
            <label for="email">{m.email}</label>
            <input id="email" name="email" type="email" autocomplete="email" value={props.email} />
          </div>
          <div class="field">
            <label for="language">{m.language}</label>
            <select id="language" name="language">
              <option value="ja" selected={prefs.language === 'ja'}>
                日本語
              </option>
              <option value="en" selected={prefs.language === 'en'}>
                English
              </option>
            </select>
          </div>
          <fieldset class="field">
            <legend>{m.quietHours}</legend>
            <label for="quietStart">{m.quietFrom}</label>
            <input id="quietStart" name="quietStart" type="time" value={prefs.quietStart} required />
            <label for="quietEnd">{m.quietTo}</label>
            <input id="quietEnd" name="quietEnd" type="time" value={prefs.quietEnd} required />
          </fieldset>
          <fieldset class="field">
            <legend>{m.frequency}</legend>
            <div class="choice">
              <input
                type="radio"
                id="freq-immediate"
                name="frequency"
                value="immediate"
                checked={prefs.frequency === 'immediate'}
              />
              <label for="freq-immediate">{m.frequencyImmediate}</label>
            </div>
            <div class="choice">
              <input
                type="radio"
                id="freq-digest"
                name="frequency"
                value="monthly-digest"
                checked={prefs.frequency === 'monthly-digest'}
              />
              <label for="freq-digest">{m.frequencyDigest}</label>
            </div>
          </fieldset>
          <button class="button" type="submit">
            {m.save}
          </button>
        </form>
        <section class="notify-connect" aria-labelledby="connect-heading">
          <h2 id="connect-heading">{m.connectHeading}</h2>
          <h3>LINE</h3>
          {props.endpoints.some((e) => e.channel === 'line') ? (
            <p data-testid="line-status">{m.lineIsLinked}</p>
          ) : (
            <p>{m.lineHowTo}</p>
          )}
          {props.demoLineLink ? (
            <form method="post" action="/notify/line/link/start">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button class="button button--secondary" type="submit">
                {m.linkLine}
              </button>
            </form>
          ) : null}
          <h3>{m.channelNames['web-push']}</h3>
          <p>
            <button
              class="button button--secondary"
              type="button"
              hidden
              data-push-subscribe
              data-vapid-public-key={props.vapidPublicKey}
              data-subscribe-url="/api/v1/notify/web-push/subscriptions"
              data-csrf-token={props.csrfToken}
              data-msg-done={m.pushDone}
              data-msg-denied={m.pushDenied}
              data-msg-error={m.pushError}
              data-msg-unsupported={m.pushUnsupported}
            >
              {m.pushButton}
            </button>
          </p>
          <p data-push-status aria-live="polite"></p>
          <script src="/assets/notify/push-subscribe.js" defer></script>
        </section>
      </div>
    ),
  };
}
