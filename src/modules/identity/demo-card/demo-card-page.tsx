import type { Lang } from '../../../platform/i18n/i18n.ts';
import { demoCardMessages } from './demo-card.messages.ts';
import { DEMO_RESIDENTS } from './demo-residents.ts';

export interface DemoCardPageProps {
  uid: string;
  clientName: string;
  scopes: string[];
  csrfToken: string;
}

export function demoCardPage(lang: Lang, props: DemoCardPageProps) {
  const m = demoCardMessages(lang);
  return {
    title: m.title,
    body: (
      <section class="panel" aria-labelledby="demo-card-title">
        <h1 id="demo-card-title">{m.title}</h1>
        <p class="notice">{m.lead}</p>
        <p>{m.requester.replace('{client}', props.clientName)}</p>
        <ul>
          {props.scopes.map((scope) => (
            <li key={scope}>{m.scopes[scope] ?? scope}</li>
          ))}
        </ul>
        <p>{m.noMyNumber}</p>
        <form method="post" action={`/demo-card/interaction/${props.uid}`}>
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <fieldset>
            <legend>{m.pickResident}</legend>
            {DEMO_RESIDENTS.map((resident, index) => (
              <label class="choice" key={resident.subject}>
                <input type="radio" name="resident" value={resident.subject} required checked={index === 0} />
                <span>
                  {resident.name}（{resident.birthdate} {m.born}）<br />
                  <small>{resident.address}</small>
                </span>
              </label>
            ))}
          </fieldset>
          <p class="button-row">
            <button class="button" type="submit" name="action" value="login">
              {m.submit}
            </button>
            <button class="button button--secondary" type="submit" name="action" value="abort" formnovalidate>
              {m.cancel}
            </button>
          </p>
        </form>
      </section>
    ),
  };
}
