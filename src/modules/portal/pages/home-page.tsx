import type { Lang } from '../../../platform/i18n/i18n.ts';
import { portalMessages } from '../portal.messages.ts';

const SERVICE_KEYS = ['registry', 'health', 'hokatsu', 'benefits'] as const;
const PORTAL_KEYS = ['parents', 'staff', 'nursery', 'clinic'] as const;

export function homePage(lang: Lang) {
  const m = portalMessages(lang);
  return {
    title: m.homeTitle,
    body: (
      <>
        <section class="hero" aria-labelledby="hero-title">
          <h1 id="hero-title">{lang === 'ja' ? 'つなぐ' : 'Tsunagu'}</h1>
          <p class="hero__lead">{m.lead}</p>
        </section>

        <section aria-labelledby="services-title">
          <h2 id="services-title">{m.servicesHeading}</h2>
          <ul class="card-grid">
            {SERVICE_KEYS.map((key) => (
              <li class="card" key={key} data-service={key}>
                <h3>{m.services[key].title}</h3>
                <p>{m.services[key].body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="portals-title">
          <h2 id="portals-title">{m.portalsHeading}</h2>
          <ul class="card-grid card-grid--compact">
            {PORTAL_KEYS.map((key) => (
              <li class="card card--portal" key={key} data-portal={key}>
                <h3>{m.portals[key].title}</h3>
                <p>{m.portals[key].body}</p>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="developers-title">
          <h2 id="developers-title">{m.developersHeading}</h2>
          <p>{m.developersBody}</p>
          <p class="button-row">
            <a class="button" href="/docs">
              {m.apiDocs}
            </a>
            <a class="button button--secondary" href="/api/v1/municipalities">
              {m.municipalitiesApi}
            </a>
          </p>
        </section>
      </>
    ),
  };
}
