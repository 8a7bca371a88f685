import type { Lang } from '../../../platform/i18n/i18n.ts';
import { healthMessages } from './health.messages.ts';

/** What a code page shows of an issued code, child's or pregnancy's alike. */
export interface ShownCode {
  shortCode: string;
  /** An SVG the qrcode library made on the server from our own signed token. */
  qrSvg: string;
  expiresAt: string | Date;
}

/** The page a parent shows at reception: whose code and for what, the QR code, the short code and its expiry. */
export function codePage(lang: Lang, code: ShownCode, subject: { name: string; purpose: string }) {
  const m = healthMessages(lang);
  const expires = new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(code.expiresAt));
  return {
    title: m.codeTitle,
    body: (
      <>
        <h1>{m.codeTitle}</h1>
        <p>
          <strong>{subject.name}</strong> ・ {subject.purpose}
        </p>
        <p>{m.codeLead}</p>
        <div
          class="health-qr"
          role="img"
          aria-label={`QR: ${code.shortCode}`}
          // Generated on the server from our own token; nothing user-supplied.
          dangerouslySetInnerHTML={{ __html: code.qrSvg }}
        />
        <p class="health-short-code">
          {m.shortCodeLabel}: <strong data-testid="short-code">{code.shortCode}</strong>
        </p>
        <p>
          {m.expiresAt}: {expires}
        </p>
        <p>
          <a href="/health">{m.back}</a>
        </p>
      </>
    ),
  };
}
