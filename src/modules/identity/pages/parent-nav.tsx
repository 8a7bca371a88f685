import type { Lang } from '../../../platform/i18n/i18n.ts';
import { parentMessages } from './parent.messages.ts';

/** The parent's menu and sign-out, at the top of every signed-in parent page. */
export function ParentNav({ lang, current, csrfToken }: { lang: Lang; current: string; csrfToken: string }) {
  const m = parentMessages(lang);
  const links = [
    ['/household', m.nav.household],
    ['/consents', m.nav.consents],
    ['/access-log', m.nav.accessLog],
  ] as const;
  return (
    <nav class="subnav" aria-label={m.householdTitle}>
      <ul class="subnav__links">
        {links.map(([href, label]) => (
          <li key={href}>
            <a href={href} aria-current={current === href ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
      <form method="post" action="/sign-out" class="subnav__signout">
        <input type="hidden" name="_csrf" value={csrfToken} />
        <button class="button button--secondary" type="submit" data-testid="sign-out">
          {m.signOut}
        </button>
      </form>
    </nav>
  );
}

export function FormErrors({ lang, errors }: { lang: Lang; errors: { field: string; message: string }[] }) {
  if (errors.length === 0) return null;
  const m = parentMessages(lang);
  return (
    <div class="error-summary" role="alert">
      <h2>{m.errorSummary}</h2>
      <ul>
        {errors.map((error) => (
          <li key={error.field}>{error.message}</li>
        ))}
      </ul>
    </div>
  );
}
