import type { Lang } from '../../../platform/i18n/i18n.ts';
import { portalMessages } from '../portal.messages.ts';

const SERVICE_KEYS = ['registry', 'health', 'hokatsu', 'benefits'] as const;
const PORTAL_KEYS = ['parents', 'staff', 'nursery', 'clinic'] as const;
type ServiceKey = (typeof SERVICE_KEYS)[number];
type PortalKey = (typeof PORTAL_KEYS)[number];

/** Who is looking: a signed-in parent or staff member goes straight to their own pages. */
export interface HomeViewer {
  kind: 'anonymous' | 'parent' | 'staff';
}

// Only services with a page of their own are links; health and benefits are API-only so far.
const SERVICE_LINKS: Partial<Record<ServiceKey, string>> = {
  registry: '/programs',
  hokatsu: '/hokatsu/nurseries',
};

function portalLink(key: PortalKey, viewer: HomeViewer): string | undefined {
  if (key === 'parents') return viewer.kind === 'parent' ? '/household' : '/sign-in';
  if (key === 'staff') return viewer.kind === 'staff' ? '/staff' : '/staff/sign-in';
  return undefined;
}

function CardTitle({ title, href }: { title: string; href: string | undefined }) {
  return <h3>{href ? <a href={href}>{title}</a> : title}</h3>;
}

export function homePage(lang: Lang, viewer: HomeViewer = { kind: 'anonymous' }) {
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
                <CardTitle title={m.services[key].title} href={SERVICE_LINKS[key]} />
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
                <CardTitle title={m.portals[key].title} href={portalLink(key, viewer)} />
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
