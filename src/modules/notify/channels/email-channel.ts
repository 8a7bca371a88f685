import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { escapeHtml } from '../local-servers/html.ts';
import type { Channel, DeliveryOutcome, OutgoingDelivery, RenderedMessage } from './channel.ts';
import { delivered, errorText, mapConcurrent, permanentFailure, temporaryFailure, wrongAddress } from './outcomes.ts';

export interface EmailChannelOptions {
  /** smtp://user:pass@host:587 or smtps://… (nodemailer's connection URL); the local SMTP server's url in demo mode. */
  smtpUrl: string;
  /** The From address, e.g. "つなぐ <notice@tsunagu.example>". */
  from: string;
  /** SMTP connections kept open (nodemailer's pool), which also caps messages in flight. */
  maxConnections?: number;
  /** Connection, greeting and socket timeouts; an unanswered server is a temporary failure. */
  timeoutMs?: number;
}

const LABELS = {
  ja: { open: 'お知らせを開く', unsubscribe: 'この種類のお知らせの配信を停止する' },
  en: { open: 'Open the notice', unsubscribe: 'Stop notices of this kind' },
} as const;

/** Message-ID from the idempotency key: a resent delivery carries the same id, so mail systems can drop the copy. */
export function emailMessageId(idempotencyKey: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'tsunagu.invalid';
  const local = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40);
  return `<notify.${local}@${domain}>`;
}

export function emailHtml(message: RenderedMessage): string {
  const labels = LABELS[message.language];
  const paragraphs = message.body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html lang="${message.language}"><head><meta charset="utf-8"><title>${escapeHtml(message.title)}</title></head>
<body style="font-family:sans-serif;line-height:1.7;color:#1a1a1c">
<h1 style="font-size:20px">${escapeHtml(message.title)}</h1>
${paragraphs}
<p><a href="${escapeHtml(message.url)}">${labels.open}</a></p>
<hr><p style="font-size:13px"><a href="${escapeHtml(message.unsubscribeUrl)}">${labels.unsubscribe}</a></p>
</body></html>`;
}

function emailText(message: RenderedMessage): string {
  const labels = LABELS[message.language];
  return `${message.body}\n\n${labels.open}: ${message.url}\n\n--\n${labels.unsubscribe}: ${message.unsubscribeUrl}\n`;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
}

/**
 * E-mail through nodemailer's pooled SMTP transport: a text part and a simple HTML part, a Message-ID derived from the
 * idempotency key, and one-click unsubscribe (RFC 8058: List-Unsubscribe with an https URL plus
 * List-Unsubscribe-Post: List-Unsubscribe=One-Click), which large mailbox providers require of bulk senders.
 * Failure classes: accepted by the server delivered; SMTP 4xx, connection errors and timeouts temporary; a rejected
 * login temporary naming the credential problem; 5xx for the recipient (RCPT TO) or an address that cannot be
 * parsed permanent with disableEndpoint; other 5xx permanent.
 */
export function createEmailChannel(options: EmailChannelOptions): Channel {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });

  async function sendOne(delivery: OutgoingDelivery): Promise<DeliveryOutcome> {
    if (delivery.address.channel !== 'email') return wrongAddress(delivery, 'email');
    const { message } = delivery;
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: delivery.address.to,
        subject: message.title,
        text: emailText(message),
        html: emailHtml(message),
        messageId: emailMessageId(delivery.idempotencyKey, options.from),
        priority: delivery.urgent ? 'high' : 'normal',
        list: { unsubscribe: { url: message.unsubscribeUrl, comment: LABELS[message.language].unsubscribe } },
        headers: {
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Auto-Submitted': 'auto-generated',
          'Content-Language': message.language,
        },
      });
      if (info.rejected.length > 0) {
        return permanentFailure(delivery, `the mail server rejected ${delivery.address.to}`, true);
      }
      return delivered(delivery, info.messageId);
    } catch (error) {
      return classify(delivery, error as SmtpError & Error);
    }
  }

  return {
    name: 'email',
    maxBatch: 50,
    send: (batch) => mapConcurrent(batch, options.maxConnections ?? 4, sendOne),
    async close() {
      transport.close();
    },
  };
}

function classify(delivery: OutgoingDelivery, error: SmtpError & Error): DeliveryOutcome {
  const code = error.responseCode;
  const detail = `SMTP ${code ?? error.code ?? 'error'}${error.command ? ` at ${error.command}` : ''}: ${errorText(error)}`;
  if (error.code === 'EAUTH') {
    return temporaryFailure(delivery, `the SMTP server refused the login; fix the SMTP credentials (${detail})`);
  }
  if (code === undefined) {
    // No SMTP reply at all: an address nodemailer cannot parse never gets this far on a retry, a socket error might.
    if (error.code === 'EENVELOPE') return permanentFailure(delivery, detail, true);
    return temporaryFailure(delivery, detail);
  }
  if (code >= 400 && code < 500) return temporaryFailure(delivery, detail);
  const recipientRejected = error.command === 'RCPT TO' || error.code === 'EENVELOPE';
  return permanentFailure(delivery, detail, recipientRejected);
}
