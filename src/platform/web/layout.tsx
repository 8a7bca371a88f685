import type { ComponentChildren } from 'preact';
import type { Lang } from '../i18n/i18n.ts';
import { webMessages } from './web.messages.ts';

export interface LayoutProps {
  lang: Lang;
  title: string;
  /** The current path, so the language switch returns to the same page. */
  path: string;
  children: ComponentChildren;
}

export function Layout({ lang, title, path, children }: LayoutProps) {
  const m = webMessages(lang);
  const switchHref = `/lang/${m.otherLang}?next=${encodeURIComponent(path)}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${m.siteName}`}</title>
        <link rel="stylesheet" href="/assets/tokens.css" />
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/htmx.min.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {m.skipToContent}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="site-logo" href="/">
              <span class="site-logo__name">{m.siteName}</span>
              <span class="site-logo__tagline">{m.siteTagline}</span>
            </a>
            <a
              class="lang-switch"
              href={switchHref}
              hreflang={m.otherLang}
              lang={m.otherLang}
              aria-label={m.switchLanguageLabel}
            >
              {m.switchLanguage}
            </a>
          </div>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{m.footerAbout}</p>
            <ul class="site-footer__links">
              <li>
                <a href="/docs">{m.footerApi}</a>
              </li>
              <li>{m.footerSource}</li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
